<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <source>search %1, %2 check, generation %3</source>
        <translation>Suche %1, Prüfung %2, Generation %3</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>nicht bestanden</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>met</source>
        <translation>eingehalten</translation>
    </message>
    <message>
        <source>&lt;b&gt;broken&lt;/b&gt;</source>
        <translation>&lt;b&gt;überschritten&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1: %2 nodes, %3 M parameters, %4 M MACs</source>
        <translation>%1: %2 Knoten, %3 M Parameter, %4 M MACs</translation>
    </message>
    <message>
        <source> (not readable here: %1)</source>
        <translation> (hier nicht lesbar: %1)</translation>
    </message>
    <message>
        <source>%1: no report.json (the run has not finished)</source>
        <translation>%1: keine report.json (der Lauf ist nicht beendet)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Cannot create %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Cannot copy %1 to %2</source>
        <translation>%1 kann nicht nach %2 kopiert werden</translation>
    </message>
    <message>
        <source>&lt;h1&gt;Calibra run report: %1&lt;/h1&gt;</source>
        <translation>&lt;h1&gt;Calibra-Laufbericht: %1&lt;/h1&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Reference DNN&lt;/h2&gt;&lt;p&gt;%1&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Referenz-DNN&lt;/h2&gt;&lt;p&gt;%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Platform and target setting&lt;/h2&gt;&lt;p&gt;Platform %1, validated with %2.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Plattform und Zieleinstellung&lt;/h2&gt;&lt;p&gt;Plattform %1, validiert mit %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>the platform&apos;s default setting</source>
        <translation>die Standardeinstellung der Plattform</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Final model&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Endgültiges Modell&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The search produced no final model.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Die Suche hat kein endgültiges Modell ergeben.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>, test accuracy %1</source>
        <translation>, Testgenauigkeit %1</translation>
    </message>
    <message>
        <source>It meets the constraints.</source>
        <translation>Es hält die Vorgaben ein.</translation>
    </message>
    <message>
        <source>&lt;b&gt;It breaks the constraints.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Es überschreitet die Vorgaben.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;table border=1 cellspacing=0 cellpadding=3&gt;&lt;tr&gt;&lt;th&gt;metric&lt;/th&gt;&lt;th&gt;predicted&lt;/th&gt;&lt;th&gt;validated&lt;/th&gt;&lt;th&gt;limit&lt;/th&gt;&lt;th&gt;&lt;/th&gt;&lt;/tr&gt;</source>
        <translation>&lt;table border=1 cellspacing=0 cellpadding=3&gt;&lt;tr&gt;&lt;th&gt;Metrik&lt;/th&gt;&lt;th&gt;vorhergesagt&lt;/th&gt;&lt;th&gt;validiert&lt;/th&gt;&lt;th&gt;Grenze&lt;/th&gt;&lt;th&gt;&lt;/th&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <source>power (mW)</source>
        <translation>Leistung (mW)</translation>
    </message>
    <message>
        <source>memory access (MB)</source>
        <translation>Speicherzugriff (MB)</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Accuracy checks&lt;/h2&gt;&lt;table border=1 cellspacing=0 cellpadding=3&gt;&lt;tr&gt;&lt;th&gt;search&lt;/th&gt;&lt;th&gt;stage&lt;/th&gt;&lt;th&gt;samples&lt;/th&gt;&lt;th&gt;latency within 10%&lt;/th&gt;&lt;th&gt;power within 10%&lt;/th&gt;&lt;th&gt;memory within 10%&lt;/th&gt;&lt;th&gt;decision&lt;/th&gt;&lt;th&gt;failed thresholds&lt;/th&gt;&lt;/tr&gt;</source>
        <translation>&lt;h2&gt;Genauigkeitsprüfungen&lt;/h2&gt;&lt;table border=1 cellspacing=0 cellpadding=3&gt;&lt;tr&gt;&lt;th&gt;Suche&lt;/th&gt;&lt;th&gt;Phase&lt;/th&gt;&lt;th&gt;Stichproben&lt;/th&gt;&lt;th&gt;Latenz innerhalb 10 %&lt;/th&gt;&lt;th&gt;Leistung innerhalb 10 %&lt;/th&gt;&lt;th&gt;Speicher innerhalb 10 %&lt;/th&gt;&lt;th&gt;Entscheidung&lt;/th&gt;&lt;th&gt;verfehlte Schwellen&lt;/th&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Finetunes&lt;/h2&gt;&lt;table border=1 cellspacing=0 cellpadding=3&gt;&lt;tr&gt;&lt;th&gt;stage&lt;/th&gt;&lt;th&gt;train&lt;/th&gt;&lt;th&gt;held out&lt;/th&gt;&lt;th&gt;AGG models&lt;/th&gt;&lt;th&gt;held-out loss before&lt;/th&gt;&lt;th&gt;after&lt;/th&gt;&lt;th&gt;adopted&lt;/th&gt;&lt;/tr&gt;</source>
        <translation>&lt;h2&gt;Feinabstimmungen&lt;/h2&gt;&lt;table border=1 cellspacing=0 cellpadding=3&gt;&lt;tr&gt;&lt;th&gt;Phase&lt;/th&gt;&lt;th&gt;Training&lt;/th&gt;&lt;th&gt;zurückgehalten&lt;/th&gt;&lt;th&gt;AGG-Modelle&lt;/th&gt;&lt;th&gt;Verlust vorher (zurückgehalten)&lt;/th&gt;&lt;th&gt;nachher&lt;/th&gt;&lt;th&gt;übernommen&lt;/th&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Charts&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Diagramme&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Calibra run report: %1</source>
        <translation>Calibra-Laufbericht: %1</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>keep</source>
        <translation>behalten</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>überspringen</translation>
    </message>
    <message>
        <source>reference operation</source>
        <translation>Operation der Referenz</translation>
    </message>
    <message>
        <source>yes (%1)</source>
        <translation>ja (%1)</translation>
    </message>
    <message>
        <source>bypass finetuning</source>
        <translation>Feinabstimmung überspringen</translation>
    </message>
    <message>
        <source>FINETUNE</source>
        <translation>FEINABSTIMMEN</translation>
    </message>
    <message>
        <source>would finetune (no re-run left)</source>
        <translation>würde feinabstimmen (keine Wiederholung mehr)</translation>
    </message>
    <message>
        <source>retrain (online)</source>
        <translation>neu trainieren (online)</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Warnings&lt;/h2&gt;&lt;ul&gt;</source>
        <translation>&lt;h2&gt;Warnungen&lt;/h2&gt;&lt;ul&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The smallest sub-network, trained the same way: test accuracy %1.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Das kleinste Teilnetz, ebenso trainiert: Testgenauigkeit %1.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Not a trustworthy result:&lt;/b&gt; %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Kein vertrauenswürdiges Ergebnis:&lt;/b&gt; %1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>nicht gemessen</translation>
    </message>
    <message>
        <source>search %1, %2 check</source>
        <translation>Suche %1, Prüfung %2</translation>
    </message>
    <message>
        <source>&lt;p&gt;Mode %1, searched on %2, %3 search(es), %4 validations. Run directory: %5&lt;/p&gt;</source>
        <translation>&lt;p&gt;Modus %1, gesucht nach %2, %3 Suche(n), %4 Validierungen. Laufverzeichnis: %5&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Genotype %1: %2. Estimated %3 %4%5. %6&lt;/p&gt;</source>
        <translation>&lt;p&gt;Genotyp %1: %2. Geschätzte %3 %4%5. %6&lt;/p&gt;</translation>
    </message>
    <message>
        <source>not judged (nothing compared)</source>
        <translation>nicht beurteilt (nichts verglichen)</translation>
    </message>
    <message>
        <source>&lt;p&gt;%1 M parameters, %2 M MACs.&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1 M Parameter, %2 M MACs.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Not retrained: the final model has the weight-sharing supernet&apos;s weights.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Nicht neu trainiert: das endgültige Modell hat die Gewichte des Supernetzes mit geteilten Gewichten.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The smallest sub-network, given the supernet&apos;s weights the same way: test accuracy %1.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Das kleinste Teilnetz, ebenso mit den Gewichten des Supernetzes: Testgenauigkeit %1.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>calibra::TranslatableText</name>
    <message>
        <source>pre</source>
        <translation>vor der Suche</translation>
    </message>
    <message>
        <source>post</source>
        <translation>nach der Suche</translation>
    </message>
    <message>
        <source>both</source>
        <translation>beide</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>NASWOT score</source>
        <translation>NASWOT-Wert</translation>
    </message>
    <message>
        <source>log10 parameters</source>
        <translation>log10 Parameter</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>estimate</source>
        <translation>Schätzung</translation>
    </message>
    <message>
        <source>final model</source>
        <translation>endgültige Modell</translation>
    </message>
    <message>
        <source>baseline (the smallest sub-network)</source>
        <translation>Vergleichsmodell (das kleinste Teilnetz)</translation>
    </message>
    <message>
        <source>; its best members could not be validated</source>
        <translation>; ihre besten Mitglieder konnten nicht validiert werden</translation>
    </message>
    <message>
        <source>; %1 best validated: latency %2 ms, predicted %3 ms (%4%)</source>
        <translation>; %1 beste validiert: Latenz %2 ms, vorhergesagt %3 ms (%4%)</translation>
    </message>
    <message>
        <source>search %1 generation %2: %3 feasible of %4, best %5 %6, predicted latency %7 ms fastest, %8 ms mean</source>
        <translation>Suche %1 Generation %2: %3 von %4 zulässig, beste %5 %6, vorhergesagte Latenz %7 ms am schnellsten, %8 ms im Mittel</translation>
    </message>
    <message>
        <source>run %1 (%2) of %3 on %4: %5 choice points, population %6, %7 generations</source>
        <translation>Lauf %1 (%2) von %3 auf %4: %5 Auswahlpunkte, Population %6, %7 Generationen</translation>
    </message>
    <message>
        <source>re-running the search with the finetuned predictor (search %1)</source>
        <translation>die Suche läuft erneut mit dem feinabgestimmten Prädiktor (Suche %1)</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>nicht gemessen</translation>
    </message>
    <message>
        <source>final model: validated latency %1</source>
        <translation>endgültiges Modell: validierte Latenz %1</translation>
    </message>
    <message>
        <source> (median; 95% interval up to %1 ms, spread %2%)</source>
        <translation> (Median; 95-%-Intervall bis %1 ms, Streuung %2%)</translation>
    </message>
    <message>
        <source>, power %1, memory access %2, meets the constraints</source>
        <translation>, Leistung %1, Speicherzugriff %2, erfüllt die Vorgaben</translation>
    </message>
    <message>
        <source>, power %1, memory access %2, BREAKS the constraints</source>
        <translation>, Leistung %1, Speicherzugriff %2, VERLETZT die Vorgaben</translation>
    </message>
    <message>
        <source> (power on its prediction only)</source>
        <translation> (Leistung nur nach Vorhersage)</translation>
    </message>
    <message>
        <source> (memory access on its prediction only)</source>
        <translation> (Speicherzugriff nur nach Vorhersage)</translation>
    </message>
    <message>
        <source>; test accuracy %1% on %2 images</source>
        <translation>; Testgenauigkeit %1% auf %2 Bildern</translation>
    </message>
    <message>
        <source> (the smallest sub-network, trained the same way: %1%)</source>
        <translation> (das kleinste Teilnetz, ebenso trainiert: %1%)</translation>
    </message>
    <message>
        <source>no final model: the search produced no candidates</source>
        <translation>kein endgültiges Modell: die Suche ergab keine Kandidaten</translation>
    </message>
    <message>
        <source>run cancelled; continue it with: calibra-cli run --resume %1</source>
        <translation>Lauf abgebrochen; fortsetzen mit: calibra-cli run --resume %1</translation>
    </message>
    <message>
        <source>run stopped; continue it with: calibra-cli run --resume %1</source>
        <translation>Lauf angehalten; fortsetzen mit: calibra-cli run --resume %1</translation>
    </message>
    <message>
        <source>%1 check on %2 sub-networks</source>
        <translation>Prüfung %1 an %2 Teilnetzen</translation>
    </message>
    <message>
        <source> (%1 on the front, %2 near a limit, %3 at random)</source>
        <translation> (%1 auf der Front, %2 nahe einer Grenze, %3 zufällig)</translation>
    </message>
    <message>
        <source>, leaving out %1 that earlier finetunes used</source>
        <translation>, ohne %1, die frühere Feinabstimmungen verwendet haben</translation>
    </message>
    <message>
        <source>retrain (online)</source>
        <translation>neu trainieren (online)</translation>
    </message>
    <message>
        <source>FINETUNE</source>
        <translation>FEINABSTIMMEN</translation>
    </message>
    <message>
        <source>would finetune (no re-run left)</source>
        <translation>würde feinabstimmen (kein erneuter Lauf mehr)</translation>
    </message>
    <message>
        <source>bypass</source>
        <translation>übergehen</translation>
    </message>
    <message>
        <source>: within 10%: latency %1, power %2, memory access %3; decisions agree %4 -&gt; %5</source>
        <translation>: innerhalb 10 %: Latenz %1, Leistung %2, Speicherzugriff %3; Entscheidungen stimmen zu %4 überein -&gt; %5</translation>
    </message>
    <message>
        <source>finetuning the predictor on %1 validated networks and %2 AGG models</source>
        <translation>Feinabstimmung des Prädiktors an %1 validierten Netzen und %2 AGG-Modellen</translation>
    </message>
    <message>
        <source> (%1 generated ones left out: predicted over %2x the costliest validated network&apos;s latency)</source>
        <translation> (%1 generierte ausgelassen: vorhergesagt über dem %2-Fachen der Latenz des teuersten validierten Netzes)</translation>
    </message>
    <message>
        <source>finetune adopted (%1): held-out loss %2 -&gt; %3 (%4 training samples, %5 s)</source>
        <translation>Feinabstimmung übernommen (%1): zurückgehaltener Verlust %2 -&gt; %3 (%4 Trainingsbeispiele, %5 s)</translation>
    </message>
    <message>
        <source>finetune not adopted (no better on held-out samples): held-out loss %1 -&gt; %2 (%3 training samples, %4 s)</source>
        <translation>Feinabstimmung nicht übernommen (auf zurückgehaltenen Beispielen nicht besser): Verlust %1 -&gt; %2 (%3 Trainingsbeispiele, %4 s)</translation>
    </message>
    <message>
        <source>; the validator measures no energy: power kept at the predictor&apos;s (not validated)</source>
        <translation>; der Validator misst keine Energie: Leistung bleibt bei der Vorhersage (nicht validiert)</translation>
    </message>
    <message>
        <source>training the weight-sharing supernet on %1 (%2 sandwich steps, at most %3 s)</source>
        <translation>Training des gewichtsteilenden Supernetzes auf %1 (%2 Sandwich-Schritte, höchstens %3 s)</translation>
    </message>
    <message>
        <source>training the weight-sharing supernet on %1 (%2 sandwich steps)</source>
        <translation>Training des gewichtsteilenden Supernetzes auf %1 (%2 Sandwich-Schritte)</translation>
    </message>
    <message>
        <source>supernet trained: %1 steps in %2 s, largest sub-network&apos;s loss %3 -&gt; %4</source>
        <translation>Supernetz trainiert: %1 Schritte in %2 s, Verlust des größten Teilnetzes %3 -&gt; %4</translation>
    </message>
    <message>
        <source> (time budget reached)</source>
        <translation> (Zeitbudget erreicht)</translation>
    </message>
    <message>
        <source> (tells them apart)</source>
        <translation> (unterscheidet sie)</translation>
    </message>
    <message>
        <source>supernet trained further: %1 steps in %2 s, largest sub-network&apos;s loss %3 -&gt; %4</source>
        <translation>Supernetz weiter trainiert: %1 Schritte in %2 s, Verlust des größten Teilnetzes %3 -&gt; %4</translation>
    </message>
    <message>
        <source>training the %1: %2 epoch(s) on %3 training images</source>
        <translation>Training: %1, %2 Epoche(n) auf %3 Trainingsbildern</translation>
    </message>
    <message>
        <source>%1 training: step %2 of %3, loss %4</source>
        <translation>Training %1: Schritt %2 von %3, Verlust %4</translation>
    </message>
    <message>
        <source>%1 trained: %2 of %3 steps in %4 s, test accuracy %5% on %6 test images</source>
        <translation>%1 trainiert: %2 von %3 Schritten in %4 s, Testgenauigkeit %5% auf %6 Testbildern</translation>
    </message>
    <message>
        <source>checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <source>finetunes</source>
        <translation>Feinabstimmungen</translation>
    </message>
    <message>
        <source>per generation</source>
        <translation>pro Generation</translation>
    </message>
    <message>
        <source>purpose not recorded</source>
        <translation>Zweck nicht erfasst</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>, %1 %2</source>
        <translation>, %1 %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>per-generation validation</source>
        <translation>Validierung pro Generation</translation>
    </message>
    <message>
        <source>search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>finished: %1 validations (</source>
        <translation>fertig: %1 Validierungen (</translation>
    </message>
    <message>
        <source>), %1 search(es); report in %2</source>
        <translation>), %1 Suche(n); Bericht in %2</translation>
    </message>
    <message>
        <source>
time: </source>
        <translation>
Zeit: </translation>
    </message>
    <message>
        <source>accuracy checks and finetuning</source>
        <translation>Genauigkeitsprüfungen und Feinabstimmung</translation>
    </message>
    <message>
        <source>supernet training</source>
        <translation>Supernetz-Training</translation>
    </message>
    <message>
        <source>estimator probe</source>
        <translation>Schätzerprobe</translation>
    </message>
    <message>
        <source>final model validation</source>
        <translation>Validierung des endgültigen Modells</translation>
    </message>
    <message>
        <source>final training</source>
        <translation>endgültiges Training</translation>
    </message>
    <message>
        <source>baseline training</source>
        <translation>Training des Vergleichsmodells</translation>
    </message>
    <message>
        <source>%1 %2 s</source>
        <translation>%1 %2 s</translation>
    </message>
    <message>
        <source>, %1 %2 s</source>
        <translation>, %1 %2 s</translation>
    </message>
    <message>
        <source>decisions: %1 agrees on %2 (%3 of %4 sub-networks)</source>
        <translation>Entscheidungen: %1 stimmt zu %2 überein (%3 von %4 Teilnetzen)</translation>
    </message>
    <message>
        <source>feasibility</source>
        <translation>Zulässigkeit</translation>
    </message>
    <message>
        <source>front membership</source>
        <translation>Front-Zugehörigkeit</translation>
    </message>
    <message>
        <source>final model: </source>
        <translation>Endmodell: </translation>
    </message>
    <message>
        <source>power</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>memory access</source>
        <translation>Speicherzugriff</translation>
    </message>
    <message>
        <source>its limit of %1</source>
        <translation>sein Limit von %1</translation>
    </message>
    <message>
        <source> and minimizing it</source>
        <translation> und seine Minimierung</translation>
    </message>
    <message>
        <source>minimizing it</source>
        <translation>seine Minimierung</translation>
    </message>
    <message>
        <source>%1 is not measured by %2: the search keeps </source>
        <translation>%1 wird von %2 nicht gemessen: die Suche behält </translation>
    </message>
    <message>
        <source> on the predictor&apos;s figures, which no check validates (search.trust_unvalidated lists %1)</source>
        <translation> auf Basis der Vorhersagen bei, die keine Prüfung validiert (search.trust_unvalidated nennt %1)</translation>
    </message>
    <message>
        <source>%1 is not measured by %2: the search leaves out </source>
        <translation>%1 wird von %2 nicht gemessen: die Suche verzichtet auf </translation>
    </message>
    <message>
        <source>, and the final model is not judged on it</source>
        <translation>, und das Endmodell wird daran nicht gemessen</translation>
    </message>
    <message>
        <source> (list %1 under search.trust_unvalidated to use the predictor&apos;s figures)</source>
        <translation> (%1 unter search.trust_unvalidated aufführen, um die Vorhersagen zu verwenden)</translation>
    </message>
    <message>
        <source>the target setting sets %1, which %2 does not apply: the predictor is given it, the validated figures do not reflect it, and a finetune learns the difference</source>
        <translation>die Zieleinstellung setzt %1, das %2 nicht anwendet: der Prädiktor erhält es, die validierten Werte spiegeln es nicht wider, und ein Finetuning lernt den Unterschied</translation>
    </message>
    <message>
        <source>the target setting sets %1, which %2 does not apply: the predictor is given them, the validated figures do not reflect them, and a finetune learns the difference</source>
        <translation>die Zieleinstellung setzt %1, die %2 nicht anwendet: der Prädiktor erhält sie, die validierten Werte spiegeln sie nicht wider, und ein Finetuning lernt den Unterschied</translation>
    </message>
    <message>
        <source>the post-search check failed, but its finetune was not adopted (no better on held-out networks): the search is not re-run with the same predictor</source>
        <translation>die Prüfung nach der Suche ist fehlgeschlagen, aber ihr Finetuning wurde nicht übernommen (auf zurückgehaltenen Netzen nicht besser): die Suche wird mit demselben Prädiktor nicht wiederholt</translation>
    </message>
    <message>
        <source>; NOT TRUSTWORTHY: </source>
        <translation>; NICHT VERTRAUENSWÜRDIG: </translation>
    </message>
    <message>
        <source> (</source>
        <translation> (</translation>
    </message>
    <message>
        <source>, and %1 more)</source>
        <translation>, und %1 weitere)</translation>
    </message>
    <message>
        <source>)</source>
        <translation>)</translation>
    </message>
    <message>
        <source>the one-shot supernet&apos;s training stopped at its time budget after %1 of %2 steps: its accuracy estimates may be poor (remove oneshot.time_budget_s, or raise it)</source>
        <translation>das Training des One-Shot-Supernetzes stoppte nach %1 von %2 Schritten an seinem Zeitbudget: seine Genauigkeitsschätzungen können schlecht sein (oneshot.time_budget_s entfernen oder erhöhen)</translation>
    </message>
    <message>
        <source>largest</source>
        <translation>größtes</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>smallest</source>
        <translation>kleinstes</translation>
    </message>
    <message>
        <source>random</source>
        <translation>zufällig</translation>
    </message>
    <message>
        <source>the accuracy estimator is near chance (</source>
        <translation>der Genauigkeitsschätzer liegt nahe am Zufall (</translation>
    </message>
    <message>
        <source>; chance is %1)</source>
        <translation>; Zufall ist %1)</translation>
    </message>
    <message>
        <source>the largest sub-network estimates no better than the smallest (</source>
        <translation>das größte Teilnetz wird nicht besser geschätzt als das kleinste (</translation>
    </message>
    <message>
        <source>): the search would keep the cheapest sub-network</source>
        <translation>): die Suche würde das günstigste Teilnetz behalten</translation>
    </message>
    <message>
        <source>accuracy estimator before the search: </source>
        <translation>Genauigkeitsschätzer vor der Suche: </translation>
    </message>
    <message>
        <source>; train the supernet longer (oneshot.steps, now %1), or set oneshot.on_poor_estimates: extend</source>
        <translation>; das Supernetz länger trainieren (oneshot.steps, jetzt %1) oder oneshot.on_poor_estimates: extend setzen</translation>
    </message>
    <message>
        <source>; train longer (final_training) or choose another accuracy estimator</source>
        <translation>; länger trainieren (final_training) oder einen anderen Genauigkeitsschätzer wählen</translation>
    </message>
    <message>
        <source>; training the supernet for another %1 steps</source>
        <translation>; das Supernetz wird weitere %1 Schritte trainiert</translation>
    </message>
    <message>
        <source>the final training stopped at its time budget after %1 of %2 steps (final_training.time_budget_s)</source>
        <translation>das Endtraining stoppte nach %1 von %2 Schritten an seinem Zeitbudget (final_training.time_budget_s)</translation>
    </message>
    <message>
        <source>test accuracy %1% is near chance (%2% for %3 classes)</source>
        <translation>Testgenauigkeit %1% liegt nahe am Zufall (%2% bei %3 Klassen)</translation>
    </message>
    <message>
        <source>test accuracy %1% is below the smallest sub-network&apos;s %2%, trained the same way: the search gained nothing</source>
        <translation>Testgenauigkeit %1% liegt unter den %2% des kleinsten, gleich trainierten Teilnetzes: die Suche hat nichts gewonnen</translation>
    </message>
    <message>
        <source>latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>energy</source>
        <translation>Energie</translation>
    </message>
    <message>
        <source>%1: %2 within 10%</source>
        <translation>%1: %2 innerhalb 10%</translation>
    </message>
    <message>
        <source>%1: MAPE %2</source>
        <translation>%1: MAPE %2</translation>
    </message>
    <message>
        <source>%1: rank not judged (validated values span %2%, within the %3% tolerance)</source>
        <translation>%1: Rang nicht beurteilt (validierte Werte umfassen %2%, innerhalb der Toleranz von %3%)</translation>
    </message>
    <message>
        <source>%1: Spearman rho %2</source>
        <translation>%1: Spearman-rho %2</translation>
    </message>
    <message>
        <source> (%1, and %2 more)</source>
        <translation> (%1, und %2 weitere)</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>accuracy estimator before the search: %1</source>
        <translation>Genauigkeitsschätzer vor der Suche: %1</translation>
    </message>
    <message>
        <source>; NOT TRUSTWORTHY: %1</source>
        <translation>; NICHT VERTRAUENSWÜRDIG: %1</translation>
    </message>
    <message>
        <source>%1 network measurement was kept although the probe after it was still off its baseline after %2 retries: the board was disturbed for long; measure again</source>
        <translation>%1 Netzmessung wurde behalten, obwohl die Sonde danach nach %2 Wiederholungen noch von ihrer Basis abwich: das Board war lange gestört; erneut messen</translation>
    </message>
    <message>
        <source>%1 network measurements were kept although the probe after them was still off its baseline after %2 retries: the board was disturbed for long; measure again</source>
        <translation>%1 Netzmessungen wurden behalten, obwohl die Sonde danach nach %2 Wiederholungen noch von ihrer Basis abwich: das Board war lange gestört; erneut messen</translation>
    </message>
    <message>
        <source>finetune left out %1 implausible measurement (measured / predicted, against the other networks&apos; median: %2); check the validator for disturbed runs</source>
        <translation>das Finetuning ließ %1 unplausible Messung weg (gemessen / vorhergesagt, gegenüber dem Median der anderen Netze: %2); den Validator auf gestörte Läufe prüfen</translation>
    </message>
    <message>
        <source>finetune left out %1 implausible measurements (measured / predicted, against the other networks&apos; median: %2); check the validator for disturbed runs</source>
        <translation>das Finetuning ließ %1 unplausible Messungen weg (gemessen / vorhergesagt, gegenüber dem Median der anderen Netze: %2); den Validator auf gestörte Läufe prüfen</translation>
    </message>
    <message>
        <source>%1: Spearman rho %2 (%3 of %4 pairs more than %5% apart out of order)</source>
        <translation>%1: Spearman-rho %2 (%3 von %4 Paaren mit mehr als %5% Abstand in falscher Reihenfolge)</translation>
    </message>
    <message>
        <source>%1: Spearman rho %2, but no pair more than %3% apart is out of order: errors within the %4% tolerance swap only closer pairs</source>
        <translation>%1: Spearman-rho %2, aber kein Paar mit mehr als %3% Abstand steht in falscher Reihenfolge: Fehler innerhalb der Toleranz von %4% vertauschen nur nähere Paare</translation>
    </message>
    <message>
        <source>%1: Spearman rho %2, but no two validated values are more than %3% apart: errors within the %4% tolerance can swap any pair</source>
        <translation>%1: Spearman-rho %2, aber keine zwei validierten Werte liegen mehr als %3% auseinander: Fehler innerhalb der Toleranz von %4% können jedes Paar vertauschen</translation>
    </message>
    <message>
        <source>; mutation %1 per gene (mutation_probability, from an older project: delete it for the default, mutated_genes: one gene per mutation)</source>
        <translation>; Mutation %1 pro Gen (mutation_probability, aus einem älteren Projekt: löschen für die Voreinstellung, mutated_genes: ein Gen pro Mutation)</translation>
    </message>
    <message>
        <source>true-class probability</source>
        <translation>Wahrscheinlichkeit der richtigen Klasse</translation>
    </message>
    <message>
        <source>), %1 search(es); report from the NAS service: calibra-cli nas fetch %2</source>
        <translation>), %1 Suche(n); Bericht vom NAS-Dienst: calibra-cli nas fetch %2</translation>
    </message>
    <message>
        <source>run cancelled; continue it with: calibra-cli nas resume %1</source>
        <translation>Lauf abgebrochen; fortsetzen mit: calibra-cli nas resume %1</translation>
    </message>
    <message>
        <source>run stopped; continue it with: calibra-cli nas resume %1</source>
        <translation>Lauf angehalten; fortsetzen mit: calibra-cli nas resume %1</translation>
    </message>
    <message>
        <source>; decided on the first part, %1 more not validated</source>
        <translation>; am ersten Teil entschieden, %1 weitere nicht validiert</translation>
    </message>
    <message>
        <source>nothing compared: no sub-network of the sample was validated, so the predictor was not judged</source>
        <translation>nichts verglichen: kein Teilnetz der Stichprobe wurde validiert, daher wurde der Prädiktor nicht beurteilt</translation>
    </message>
    <message>
        <source>decided on the first part (%1 sub-networks compared): every one within 10% and every decision the same, so the other %2 were not validated</source>
        <translation>am ersten Teil entschieden (%1 Teilnetze verglichen): jedes innerhalb 10 % und jede Entscheidung gleich, daher wurden die übrigen %2 nicht validiert</translation>
    </message>
    <message>
        <source>decided on the first part (%1 sub-networks compared): it already fails the check whatever the other %2 would show, and no finetune follows, so those were not validated</source>
        <translation>am ersten Teil entschieden (%1 Teilnetze verglichen): die Prüfung ist bereits nicht bestanden, was auch die übrigen %2 zeigen würden, und es folgt kein Feintuning, daher wurden diese nicht validiert</translation>
    </message>
    <message>
        <source>, %1 of which the validator could not measure</source>
        <translation>, davon %1, die der Validator nicht messen konnte</translation>
    </message>
    <message>
        <source>%1 validations failed (%2 succeeded); %3 of them: %4</source>
        <translation>%1 Validierungen fehlgeschlagen (%2 erfolgreich); %3 davon: %4</translation>
    </message>
    <message>
        <source>the %1 check judged nothing: the validator could not measure any of its %2 sub-networks, so the predictor was not checked</source>
        <translation>die %1-Prüfung hat nichts beurteilt: der Validator konnte keines ihrer %2 Teilnetze messen, der Prädiktor wurde also nicht geprüft</translation>
    </message>
    <message>
        <source>finetune not made: %1 validated networks, too few to hold out any that would judge it (at least %2); the predictor stays as it was</source>
        <translation>kein Finetuning: %1 validierte Netze, zu wenige, um welche zur Beurteilung zurückzuhalten (mindestens %2); der Prädiktor bleibt unverändert</translation>
    </message>
    <message>
        <source>search %1 generation %2: none feasible of %3, predicted latency %4 ms fastest, %5 ms mean</source>
        <translation>Suche %1 Generation %2: keines von %3 zulässig, vorhergesagte Latenz %4 ms am schnellsten, %5 ms im Mittel</translation>
    </message>
    <message>
        <source>the search found no sub-network predicted to meet the limits; the final model, the least violating, breaks them: %1</source>
        <translation>die Suche fand kein Teilnetz, das die Limits laut Vorhersage einhält; das finale Modell, das am wenigsten verletzende, verletzt sie: %1</translation>
    </message>
    <message>
        <source>%1 validation failed (%2 succeeded): %4</source>
        <translation>%1 Validierung fehlgeschlagen (%2 erfolgreich): %4</translation>
    </message>
    <message>
        <source>the final model is the search&apos;s candidate %1 by rank: %2 of the %3 ranked above it could not be validated (%4)</source>
        <translation>das finale Modell ist der Kandidat %1 der Suche nach Rang: %2 der %3 davor gereihten konnten nicht validiert werden (%4)</translation>
    </message>
    <message>
        <source>finetune not made: %1 validated network, too few to hold out any that would judge it (at least %2); the predictor stays as it was</source>
        <translation>kein Finetuning: %1 validiertes Netz, zu wenige, um welche zur Beurteilung zurückzuhalten (mindestens %2); der Prädiktor bleibt unverändert</translation>
    </message>
    <message>
        <source>the last post-search check failed and no re-run was left (check.max_reruns %1): the final model&apos;s figures are validated, but the search chose among candidates with a predictor the check found inaccurate, so a better one may have been missed</source>
        <translation>die letzte Prüfung nach der Suche ist fehlgeschlagen und kein erneuter Lauf war übrig (check.max_reruns %1): die Werte des finalen Modells sind validiert, aber die Suche wählte mit einem Prädiktor, den die Prüfung als ungenau befand, sodass ein besserer Kandidat übersehen worden sein kann</translation>
    </message>
    <message>
        <source>; the search&apos;s candidate %1 by rank: 1 ranked above it was validated over the limits</source>
        <translation>; Kandidat %1 der Suche nach Rang: 1 davor gereihter wurde über den Grenzen validiert</translation>
    </message>
    <message>
        <source>; the search&apos;s candidate %1 by rank: %2 ranked above it were validated over the limits</source>
        <translation>; Kandidat %1 der Suche nach Rang: %2 davor gereihte wurden über den Grenzen validiert</translation>
    </message>
    <message>
        <source>the %1 limit looks out of reach: every sub-network of generation 0 is predicted over it, the smallest at %2 against %3</source>
        <translation>die %1-Grenze scheint unerreichbar: jedes Teilnetz der Generation 0 wird darüber vorhergesagt, das kleinste mit %2 gegenüber %3</translation>
    </message>
    <message>
        <source>supernet training: step %1 of %2, loss %3, %4 s, about %5 s left</source>
        <translation>Training des Supernetzes: Schritt %1 von %2, Verlust %3, %4 s, noch etwa %5 s</translation>
    </message>
    <message>
        <source>the dataset&apos;s test folder %1 has no images of the training class %2: the final model&apos;s test accuracy covers %3 of its %4 classes only</source>
        <translation>der Testordner %1 des Datensatzes enthält keine Bilder der Trainingsklasse %2: die Testgenauigkeit des finalen Modells deckt nur %3 seiner %4 Klassen ab</translation>
    </message>
    <message>
        <source>the dataset&apos;s test folder %1 has no images of the training classes %2: the final model&apos;s test accuracy covers %3 of its %4 classes only</source>
        <translation>der Testordner %1 des Datensatzes enthält keine Bilder der Trainingsklassen %2: die Testgenauigkeit des finalen Modells deckt nur %3 seiner %4 Klassen ab</translation>
    </message>
    <message>
        <source>: nothing compared, the predictor not judged -&gt; %1</source>
        <translation>: nichts verglichen, der Prädiktor nicht beurteilt -&gt; %1</translation>
    </message>
    <message>
        <source>; input &apos;%1&apos; is %2 (the reference&apos;s %3)</source>
        <translation>; Eingang „%1“ ist %2 (beim Referenznetz %3)</translation>
    </message>
    <message>
        <source>; output &apos;%1&apos; is %2 (the reference&apos;s %3)</source>
        <translation>; Ausgang „%1“ ist %2 (beim Referenznetz %3)</translation>
    </message>
    <message>
        <source>the NASWOT score is %1 for every sub-network probed (the largest, the reference, the smallest and 3 at random): it cannot tell them apart, and the search keeps the cheapest; choose another accuracy estimator (oneshot or train)</source>
        <translation>der NASWOT-Wert ist für jedes geprüfte Teilnetz %1 (das größte, die Referenz, das kleinste und 3 zufällige): er unterscheidet sie nicht, und die Suche behält das günstigste; einen anderen Genauigkeitsschätzer wählen (oneshot oder train)</translation>
    </message>
    <message>
        <source>the NASWOT score is %1 for every sub-network probed: it reads ReLU activations, and this network has none, so the search keeps the cheapest; choose another accuracy estimator (oneshot or train)</source>
        <translation>der NASWOT-Wert ist für jedes geprüfte Teilnetz %1: er liest ReLU-Aktivierungen, und dieses Netz hat keine, daher behält die Suche das günstigste; einen anderen Genauigkeitsschätzer wählen (oneshot oder train)</translation>
    </message>
    <message>
        <source>inherited weights</source>
        <translation>geerbte Gewichte</translation>
    </message>
    <message>
        <source>test accuracy %1% is below the smallest sub-network&apos;s %2%, given the supernet&apos;s weights the same way: the search gained nothing</source>
        <translation>die Testgenauigkeit %1% liegt unter den %2% des kleinsten Teilnetzes, das ebenso die Gewichte des Supernetzes erhielt: die Suche hat nichts gewonnen</translation>
    </message>
    <message>
        <source>; test accuracy %1% on %2 images with the supernet&apos;s weights, not retrained</source>
        <translation>; Testgenauigkeit %1% auf %2 Bildern mit den Gewichten des Supernetzes, nicht neu trainiert</translation>
    </message>
    <message>
        <source> (the smallest sub-network, given the supernet&apos;s weights the same way: %1%)</source>
        <translation> (das kleinste Teilnetz, ebenso mit den Gewichten des Supernetzes: %1%)</translation>
    </message>
    <message>
        <source>the reference has %1 convolution and linear layers, no BatchNorm after a convolution and no LayerNorm, as an export in eval mode (torch.onnx.export&apos;s default) leaves it, BatchNorm folded into the convolutions: its networks are trained with a BatchNorm after %2 of the reference&apos;s convolutions (those with a bias, not of pooled features nor giving the scores), folded back into their weights in every model handed back (to train with your own normalisation, export with training=torch.onnx.TrainingMode.PRESERVE, and a batch of 2 or more where a map shrinks to 1x1)</source>
        <translation>die Referenz hat %1 Faltungs- und lineare Schichten, keine BatchNorm nach einer Faltung und keine LayerNorm, wie es ein Export im Eval-Modus (der Standard von torch.onnx.export) hinterlässt, der BatchNorm in die Faltungen faltet: ihre Netze werden mit einer BatchNorm nach %2 der Faltungen der Referenz trainiert (denen mit Bias, die weder gepoolte Merkmale verarbeiten noch die Scores liefern), die in jedem zurückgegebenen Modell wieder in deren Gewichte gefaltet wird (um mit Ihrer eigenen Normalisierung zu trainieren, exportieren Sie mit training=torch.onnx.TrainingMode.PRESERVE und einer Batchgröße von mindestens 2, wo eine Karte auf 1x1 schrumpft)</translation>
    </message>
    <message>
        <source>the weight-sharing supernet, whose weights the final model has, stopped at its time budget after %1 of %2 steps (oneshot.time_budget_s)</source>
        <translation>das Supernetz mit geteilten Gewichten, dessen Gewichte das endgültige Modell hat, stoppte an seinem Zeitbudget nach %1 von %2 Schritten (oneshot.time_budget_s)</translation>
    </message>
    <message>
        <source>final model: the weight-sharing supernet&apos;s weights (BatchNorm statistics, if any, recalibrated), not retrained (final_training.epochs is 0): test accuracy %1% on %2 test images</source>
        <translation>endgültiges Modell: die Gewichte des Supernetzes mit geteilten Gewichten (BatchNorm-Statistiken, falls vorhanden, neu kalibriert), nicht neu trainiert (final_training.epochs ist 0): Testgenauigkeit %1% auf %2 Testbildern</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::CheckChart</name>
    <message>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <source>within 10%</source>
        <translation>innerhalb 10 %</translation>
    </message>
    <message>
        <source>y = x</source>
        <translation>y = x</translation>
    </message>
    <message>
        <source>this check</source>
        <translation>diese Prüfung</translation>
    </message>
    <message>
        <source>the check before</source>
        <translation>die Prüfung davor</translation>
    </message>
    <message>
        <source>No accuracy check yet</source>
        <translation>Noch keine Genauigkeitsprüfung</translation>
    </message>
    <message>
        <source>predicted %1</source>
        <translation>vorhergesagte %1</translation>
    </message>
    <message>
        <source>validated %1</source>
        <translation>validierte %1</translation>
    </message>
    <message>
        <source>%1 check (search %2):
%3 not measured by this validator</source>
        <translation>Prüfung %1 (Suche %2):
%3 von diesem Validator nicht gemessen</translation>
    </message>
    <message>
        <source>%1 check (search %2): %3 within 10%,
MAPE %4%, Spearman %5 -&gt; %6</source>
        <translation>Prüfung %1 (Suche %2): %3 innerhalb 10 %,
MAPE %4 %, Spearman %5 -&gt; %6</translation>
    </message>
    <message>
        <source>%1 check (search %2):
nothing compared: not judged</source>
        <translation>%1-Prüfung (Suche %2):
nichts verglichen: nicht beurteilt</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::CheckHistoryChart</name>
    <message>
        <source>accuracy check (in the order they ran)</source>
        <translation>Genauigkeitsprüfung (in Ausführungsreihenfolge)</translation>
    </message>
    <message>
        <source>prediction error, MAPE (%)</source>
        <translation>Vorhersagefehler, MAPE (%)</translation>
    </message>
    <message>
        <source>finetune</source>
        <translation>feinabstimmen</translation>
    </message>
    <message>
        <source>bypass</source>
        <translation>überspringen</translation>
    </message>
    <message>
        <source>re-run: search %1</source>
        <translation>Wiederholung: Suche %1</translation>
    </message>
    <message>
        <source>would finetune (no re-run left)</source>
        <translation>würde feinabstimmen (keine Wiederholung mehr)</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::CheckInspector</name>
    <message>
        <source>No accuracy check yet</source>
        <translation>Noch keine Genauigkeitsprüfung</translation>
    </message>
    <message>
        <source>Filter sub-networks by genotype</source>
        <translation>Teilnetze nach Genotyp filtern</translation>
    </message>
    <message>
        <source>Export CSV...</source>
        <translation>CSV exportieren...</translation>
    </message>
    <message>
        <source>Export the check as CSV</source>
        <translation>Die Prüfung als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>%1: %2% within 10% (needs %3%), MAPE %4% (at most %5%), Spearman %6 (at least %7)</source>
        <translation>%1: %2 % innerhalb 10 % (nötig %3 %), MAPE %4 % (höchstens %5 %), Spearman %6 (mindestens %7)</translation>
    </message>
    <message>
        <source> (failed: %1)</source>
        <translation> (nicht bestanden: %1)</translation>
    </message>
    <message>
        <source>%1 sub-networks compared.</source>
        <translation>%1 Teilnetze verglichen.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>decisions: feasibility agrees on %1%, front membership on %2% of %3 sub-networks (needs %4%)</source>
        <translation>Entscheidungen: Zulässigkeit stimmt bei %1 %, Frontzugehörigkeit bei %2 % von %3 Teilnetzen überein (nötig %4 %)</translation>
    </message>
    <message>
        <source>sample: %1 on the front, %2 near a limit, %3 at random</source>
        <translation>Stichprobe: %1 auf der Front, %2 nahe einer Grenze, %3 zufällig</translation>
    </message>
    <message>
        <source>Decision: %1</source>
        <translation>Entscheidung: %1</translation>
    </message>
    <message>
        <source>%1: not measured by this validator</source>
        <translation>%1: von diesem Validator nicht gemessen</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::CheckSampleModel</name>
    <message>
        <source>not validated</source>
        <translation>nicht validiert</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <source>Sub-network (genotype)</source>
        <translation>Teilnetz (Genotyp)</translation>
    </message>
    <message>
        <source>Latency predicted (ms)</source>
        <translation>Latenz vorhergesagt (ms)</translation>
    </message>
    <message>
        <source>Latency validated (ms)</source>
        <translation>Latenz validiert (ms)</translation>
    </message>
    <message>
        <source>Latency error</source>
        <translation>Latenzfehler</translation>
    </message>
    <message>
        <source>Power predicted (mW)</source>
        <translation>Leistung vorhergesagt (mW)</translation>
    </message>
    <message>
        <source>Power validated (mW)</source>
        <translation>Leistung validiert (mW)</translation>
    </message>
    <message>
        <source>Power error</source>
        <translation>Leistungsfehler</translation>
    </message>
    <message>
        <source>Memory access predicted (MB)</source>
        <translation>Speicherzugriff vorhergesagt (MB)</translation>
    </message>
    <message>
        <source>Memory access validated (MB)</source>
        <translation>Speicherzugriff validiert (MB)</translation>
    </message>
    <message>
        <source>Memory access error</source>
        <translation>Speicherzugriffsfehler</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::ConnectionPanel</name>
    <message>
        <source>Validator</source>
        <translation>Validator</translation>
    </message>
    <message>
        <source>Local simulator</source>
        <translation>Lokaler Simulator</translation>
    </message>
    <message>
        <source>Tethered board (calibra-board)</source>
        <translation>Angeschlossenes Board (calibra-board)</translation>
    </message>
    <message>
        <source>host:port, host:port</source>
        <translation>host:port, host:port</translation>
    </message>
    <message>
        <source>calibra-board services; batches are shared among them</source>
        <translation>calibra-board-Dienste; die Stapel werden auf sie verteilt</translation>
    </message>
    <message>
        <source>Validate on</source>
        <translation>Validieren mit</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
    <message>
        <source>the services&apos; CA certificate</source>
        <translation>das CA-Zertifikat der Dienste</translation>
    </message>
    <message>
        <source>CA</source>
        <translation>CA</translation>
    </message>
    <message>
        <source>this client&apos;s certificate</source>
        <translation>das Zertifikat dieses Clients</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Zertifikat</translation>
    </message>
    <message>
        <source>this client&apos;s key</source>
        <translation>der Schlüssel dieses Clients</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Test Connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>%1: connected (%2 on %3)</source>
        <translation>%1: verbunden (%2 auf %3)</translation>
    </message>
    <message>
        <source>%1: FAILED: %2</source>
        <translation>%1: FEHLGESCHLAGEN: %2</translation>
    </message>
    <message>
        <source>PEM file: %1</source>
        <translation>PEM-Datei: %1</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>Choose %1</source>
        <translation>%1 wählen</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Runs validate on the local simulator.</source>
        <translation>Läufe validieren mit dem lokalen Simulator.</translation>
    </message>
    <message>
        <source>Enter at least one service address (host:port).</source>
        <translation>Mindestens eine Dienstadresse (host:port) eingeben.</translation>
    </message>
    <message>
        <source>Connecting...</source>
        <translation>Verbinde...</translation>
    </message>
    <message>
        <source>Slurm board farm (the project&apos;s settings)</source>
        <translation>Slurm-Board-Farm (Einstellungen des Projekts)</translation>
    </message>
    <message>
        <source>Runs submit their validations to Slurm as the project&apos;s validator section says; the Farm tab lists the jobs.</source>
        <translation>Läufe reichen ihre Validierungen bei Slurm ein, wie es der Validator-Abschnitt des Projekts vorgibt; der Reiter „Farm“ listet die Jobs.</translation>
    </message>
    <message>
        <source>Measurement table (the project&apos;s file)</source>
        <translation>Messtabelle (die Datei des Projekts)</translation>
    </message>
    <message>
        <source>This project validates, checks and finetunes through the finetuning service %1 (platform %2), which chooses the validator (docs/services.md).</source>
        <translation>Dieses Projekt lässt Validierung, Prüfungen und Feinabstimmung vom Feinabstimmungsdienst %1 (Plattform %2) ausführen, der auch den Validator wählt (docs/services.md).</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::DagView</name>
    <message>
        <source>Laying out %1 nodes...</source>
        <translation>Ordne %1 Knoten an...</translation>
    </message>
    <message>
        <source>block of %1 layers</source>
        <translation>Block aus %1 Schichten</translation>
    </message>
    <message>
        <source>double-click to expand</source>
        <translation>Doppelklick zum Aufklappen</translation>
    </message>
    <message>
        <source> (log scale; blocks: sum)</source>
        <translation> (logarithmisch; Blöcke: Summe)</translation>
    </message>
    <message>
        <source> (log scale)</source>
        <translation> (logarithmisch)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>stage %1, block %2</source>
        <translation>Stufe %1, Block %2</translation>
    </message>
    <message>
        <source>%1, %2 layers</source>
        <translation>%1, %2 Schichten</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::EstimateLabels</name>
    <message>
        <source>accuracy (one-shot estimate)</source>
        <translation>Genauigkeit (One-Shot-Schätzung)</translation>
    </message>
    <message>
        <source>accuracy (short-training estimate)</source>
        <translation>Genauigkeit (Schätzung aus kurzem Training)</translation>
    </message>
    <message>
        <source>NASWOT score (a proxy, not an accuracy)</source>
        <translation>NASWOT-Wert (ein Proxy, keine Genauigkeit)</translation>
    </message>
    <message>
        <source>log10 parameters (a proxy, not an accuracy)</source>
        <translation>log10 Parameter (ein Proxy, keine Genauigkeit)</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>NASWOT score</source>
        <translation>NASWOT-Wert</translation>
    </message>
    <message>
        <source>log10 parameters</source>
        <translation>log10 Parameter</translation>
    </message>
    <message>
        <source>true-class probability (one-shot estimate)</source>
        <translation>Wahrscheinlichkeit der richtigen Klasse (One-Shot-Schätzung)</translation>
    </message>
    <message>
        <source>true-class probability</source>
        <translation>Wahrscheinlichkeit der richtigen Klasse</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::FarmPanel</name>
    <message>
        <source>Slurm&apos;s default configuration</source>
        <translation>Standardkonfiguration von Slurm</translation>
    </message>
    <message>
        <source>slurm.conf of the cluster that holds the boards (empty: Slurm&apos;s default)</source>
        <translation>slurm.conf des Clusters mit den Boards (leer: Standard von Slurm)</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>Choose slurm.conf</source>
        <translation>slurm.conf wählen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Submit Projects...</source>
        <translation>Projekte einreichen...</translation>
    </message>
    <message>
        <source>Submit project files as Slurm jobs; each writes a run directory</source>
        <translation>Projektdateien als Slurm-Jobs einreichen; jeder schreibt ein Laufverzeichnis</translation>
    </message>
    <message>
        <source>Follow Run</source>
        <translation>Lauf verfolgen</translation>
    </message>
    <message>
        <source>Show the selected search&apos;s run in the Runs tab, updated as it goes</source>
        <translation>Den Lauf der gewählten Suche im Reiter „Läufe“ zeigen, laufend aktualisiert</translation>
    </message>
    <message>
        <source>Cancel Jobs</source>
        <translation>Jobs abbrechen</translation>
    </message>
    <message>
        <source>Slurm configuration</source>
        <translation>Slurm-Konfiguration</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Node or reason</source>
        <translation>Knoten oder Grund</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Run directory</source>
        <translation>Laufverzeichnis</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Submit Projects</source>
        <translation>Projekte einreichen</translation>
    </message>
    <message>
        <source>Calibra projects (*.yaml *.yml)</source>
        <translation>Calibra-Projekte (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Runs Directory (seen by every node)</source>
        <translation>Laufverzeichnis (für alle Knoten sichtbar)</translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n job(s)? A cancelled search keeps its run directory and can be resumed.</source>
        <translation>
            <numerusform>%n Job abbrechen? Eine abgebrochene Suche behält ihr Laufverzeichnis und kann fortgesetzt werden.</numerusform>
            <numerusform>%n Jobs abbrechen? Eine abgebrochene Suche behält ihr Laufverzeichnis und kann fortgesetzt werden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Submitted job %1: %n run(s) under %2</source>
        <translation>
            <numerusform>Job %1 eingereicht: %n Lauf unter %2</numerusform>
            <numerusform>Job %1 eingereicht: %n Läufe unter %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled %n job(s)</source>
        <translation>
            <numerusform>%n Job abgebrochen</numerusform>
            <numerusform>%n Jobs abgebrochen</numerusform>
        </translation>
    </message>
    <message>
        <source>Slurm: %1</source>
        <translation>Slurm: %1</translation>
    </message>
    <message>
        <source>search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>No Calibra jobs in the queue.</source>
        <translation>Keine Calibra-Jobs in der Warteschlange.</translation>
    </message>
    <message numerus="yes">
        <source>%n Calibra job(s) in the queue.</source>
        <translation>
            <numerusform>%n Calibra-Job in der Warteschlange.</numerusform>
            <numerusform>%n Calibra-Jobs in der Warteschlange.</numerusform>
        </translation>
    </message>
    <message>
        <source>no Slurm configuration at %1: choose the cluster&apos;s slurm.conf above</source>
        <translation>keine Slurm-Konfiguration unter %1: oben die slurm.conf des Clusters wählen</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::GenerationChart</name>
    <message>
        <source>generation (all searches)</source>
        <translation>Generation (alle Suchen)</translation>
    </message>
    <message>
        <source>fastest predicted latency (ms)</source>
        <translation>schnellste vorhergesagte Latenz (ms)</translation>
    </message>
    <message>
        <source>fastest latency</source>
        <translation>schnellste Latenz</translation>
    </message>
    <message>
        <source>best feasible %1</source>
        <translation>höchster zulässiger Wert (%1)</translation>
    </message>
    <message>
        <source>best %1</source>
        <translation>höchster Wert (%1)</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::GenerationValidationChart</name>
    <message>
        <source>generation (all searches)</source>
        <translation>Generation (alle Suchen)</translation>
    </message>
    <message>
        <source>predicted, all members (mean)</source>
        <translation>vorhergesagt, alle Mitglieder (Mittel)</translation>
    </message>
    <message>
        <source>predicted, validated members (mean)</source>
        <translation>vorhergesagt, validierte Mitglieder (Mittel)</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <source>validated, the same members (mean; bar: +-10%)</source>
        <translation>validiert, dieselben Mitglieder (Mittel; Balken: ±10 %)</translation>
    </message>
    <message>
        <source>%1 check: %2</source>
        <translation>Prüfung %1: %2</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::MainWindow</name>
    <message>
        <source>Calibra</source>
        <translation>Calibra</translation>
    </message>
    <message>
        <source>Graph</source>
        <translation>Graph</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <source>Supernet</source>
        <translation>Supernetz</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>That sub-network belongs to another supernet than the open network&apos;s</source>
        <translation>Dieses Teilnetz gehört zu einem anderen Supernetz als das geöffnete Netz</translation>
    </message>
    <message>
        <source>No simulation for the overlay and node figures: %1</source>
        <translation>Keine Simulation für die Überlagerung und die Knotenwerte: %1</translation>
    </message>
    <message>
        <source>No network loaded</source>
        <translation>Kein Netz geladen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Network...</source>
        <translation>Netz ö&amp;ffnen...</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;New Project</source>
        <translation>&amp;Neues Projekt</translation>
    </message>
    <message>
        <source>Open &amp;Project...</source>
        <translation>&amp;Projekt öffnen...</translation>
    </message>
    <message>
        <source>&amp;Save Project As...</source>
        <translation>Projekt &amp;speichern unter...</translation>
    </message>
    <message>
        <source>Open &amp;Demo Project</source>
        <translation>&amp;Demoprojekt öffnen</translation>
    </message>
    <message>
        <source>Open R&amp;un...</source>
        <translation>&amp;Lauf öffnen...</translation>
    </message>
    <message>
        <source>Open Run Directory</source>
        <translation>Laufverzeichnis öffnen</translation>
    </message>
    <message>
        <source>&amp;Export Graph View...</source>
        <translation>Graphansicht &amp;exportieren...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Find Node...</source>
        <translation>Knoten &amp;finden...</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Lay Out &amp;Left to Right</source>
        <translation>Von &amp;links nach rechts anordnen</translation>
    </message>
    <message>
        <source>&amp;Fit Graph</source>
        <translation>Graph ein&amp;passen</translation>
    </message>
    <message>
        <source>&amp;Collapse Blocks</source>
        <translation>Blöcke &amp;zuklappen</translation>
    </message>
    <message>
        <source>&amp;Expand All Blocks</source>
        <translation>Alle Blöcke &amp;aufklappen</translation>
    </message>
    <message>
        <source>Cost &amp;Overlay</source>
        <translation>Kosten&amp;überlagerung</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Simulated Latency</source>
        <translation>Simulierte Latenz</translation>
    </message>
    <message>
        <source>Simulated Energy</source>
        <translation>Simulierte Energie</translation>
    </message>
    <message>
        <source>Simulated DRAM Traffic</source>
        <translation>Simulierter DRAM-Verkehr</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Calibra</source>
        <translation>Ü&amp;ber Calibra</translation>
    </message>
    <message>
        <source>About Calibra</source>
        <translation>Über Calibra</translation>
    </message>
    <message>
        <source>&lt;b&gt;Calibra %1&lt;/b&gt;&lt;p&gt;Hardware-aware neural architecture search for edge accelerators.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Calibra %1&lt;/b&gt;&lt;p&gt;Hardwarebewusste Suche nach neuronalen Architekturen für Edge-Beschleuniger.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Target setting</source>
        <translation>Zieleinstellung</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Select a node in the graph</source>
        <translation>Einen Knoten im Graphen auswählen</translation>
    </message>
    <message>
        <source>input %1</source>
        <translation>Eingang %1</translation>
    </message>
    <message>
        <source>output %1</source>
        <translation>Ausgang %1</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>MACs</translation>
    </message>
    <message>
        <source>weight bytes (fp32)</source>
        <translation>Gewichtsbytes (fp32)</translation>
    </message>
    <message>
        <source>activation bytes in / out (fp32)</source>
        <translation>Aktivierungsbytes ein / aus (fp32)</translation>
    </message>
    <message>
        <source>simulated latency of its execution group</source>
        <translation>simulierte Latenz seiner Ausführungsgruppe</translation>
    </message>
    <message>
        <source>%1 us</source>
        <translation>%1 us</translation>
    </message>
    <message>
        <source>simulated energy of its execution group</source>
        <translation>simulierte Energie seiner Ausführungsgruppe</translation>
    </message>
    <message>
        <source>%1 uJ</source>
        <translation>%1 uJ</translation>
    </message>
    <message>
        <source>simulated DRAM traffic of its execution group</source>
        <translation>simulierter DRAM-Verkehr seiner Ausführungsgruppe</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>Find Node</source>
        <translation>Knoten finden</translation>
    </message>
    <message>
        <source>Name or op type:</source>
        <translation>Name oder Operationstyp:</translation>
    </message>
    <message>
        <source>No node matches &apos;%1&apos;</source>
        <translation>Kein Knoten passt zu „%1“</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s) match &apos;%1&apos;</source>
        <translation>
            <numerusform>%n Knoten passt zu „%1“</numerusform>
            <numerusform>%n Knoten passen zu „%1“</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Graph View</source>
        <translation>Graphansicht exportieren</translation>
    </message>
    <message>
        <source>PNG (*.png);;SVG (*.svg)</source>
        <translation>PNG (*.png);;SVG (*.svg)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not open project</source>
        <translation>Projekt kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>latency per execution group, us</source>
        <translation>Latenz je Ausführungsgruppe, us</translation>
    </message>
    <message>
        <source>energy per execution group, uJ</source>
        <translation>Energie je Ausführungsgruppe, uJ</translation>
    </message>
    <message>
        <source>DRAM traffic per execution group, KB</source>
        <translation>DRAM-Verkehr je Ausführungsgruppe, KB</translation>
    </message>
    <message>
        <source>Reference DNN</source>
        <translation>Referenz-DNN</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Input %1</source>
        <translation>Eingang %1</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Plattform</translation>
    </message>
    <message>
        <source>%1 fusion, %2, %3 MHz</source>
        <translation>Fusion %1, %2, %3 MHz</translation>
    </message>
    <message>
        <source>%1 choice points, 10^%2 sub-networks</source>
        <translation>%1 Auswahlpunkte, 10^%2 Teilnetze</translation>
    </message>
    <message>
        <source>Predictor</source>
        <translation>Prädiktor</translation>
    </message>
    <message>
        <source>shipped offline model (builtin:offline)</source>
        <translation>mitgeliefertes Offline-Modell (builtin:offline)</translation>
    </message>
    <message>
        <source>the Runs tab; calibra-cli run</source>
        <translation>der Reiter „Läufe“; calibra-cli run</translation>
    </message>
    <message>
        <source>Open Network</source>
        <translation>Netz öffnen</translation>
    </message>
    <message>
        <source>Networks (*.yaml *.yml *.onnx *.onnx.gz);;All files (*)</source>
        <translation>Netze (*.yaml *.yml *.onnx *.onnx.gz);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Could not open project %1</source>
        <translation>Projekt %1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1: cannot write (%2)</source>
        <translation>%1: kann nicht geschrieben werden (%2)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>Calibra projects (*.yaml *.yml)</source>
        <translation>Calibra-Projekte (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Save Project</source>
        <translation>Projekt speichern</translation>
    </message>
    <message>
        <source>Calibra projects (*.yaml)</source>
        <translation>Calibra-Projekte (*.yaml)</translation>
    </message>
    <message>
        <source>Could not save project</source>
        <translation>Projekt kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Loading %1...</source>
        <translation>Lade %1...</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>%1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Could not open network</source>
        <translation>Netz kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1 - Calibra</source>
        <translation>%1 - Calibra</translation>
    </message>
    <message>
        <source>%1: %2 layers, %3 parameters, %4 MACs</source>
        <translation>%1: %2 Schichten, %3 Parameter, %4 MACs</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation>&amp;Einstellungen...</translation>
    </message>
    <message>
        <source>Farm</source>
        <translation>Farm</translation>
    </message>
    <message>
        <source>The Runs tab is busy with a run; follow this one when it is done</source>
        <translation>Der Reiter „Läufe“ ist mit einem Lauf beschäftigt; diesen danach verfolgen</translation>
    </message>
    <message>
        <source>Open &amp;Built-in Network</source>
        <translation>&amp;Eingebautes Netz öffnen</translation>
    </message>
    <message>
        <source>Past Runs</source>
        <translation>Frühere Läufe</translation>
    </message>
    <message>
        <source>The Runs tab is busy with a run; open this one when it is done</source>
        <translation>Der Reiter Läufe ist mit einem Lauf beschäftigt; öffnen Sie diesen, wenn er fertig ist</translation>
    </message>
    <message>
        <source>The run&apos;s platform or target setting could not be opened: %1</source>
        <translation>Plattform oder Zieleinstellung des Laufs konnten nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>The finetuning service %1 holds this project&apos;s platform (%2); the target setting dock shows a local platform, not the project&apos;s</source>
        <translation>Der Feinabstimmungsdienst %1 verwaltet die Plattform dieses Projekts (%2); der Bereich „Zieleinstellung“ zeigt eine lokale Plattform, nicht die des Projekts</translation>
    </message>
    <message>
        <source>%1 (held by the finetuning service %2)</source>
        <translation>%1 (beim Feinabstimmungsdienst %2)</translation>
    </message>
    <message>
        <source>the platform&apos;s fastest</source>
        <translation>die schnellste der Plattform</translation>
    </message>
    <message>
        <source>the project&apos;s, checked by the service</source>
        <translation>die des Projekts, vom Dienst geprüft</translation>
    </message>
    <message>
        <source>the finetuning service&apos;s, versioned per platform, reference and setting</source>
        <translation>der des Feinabstimmungsdienstes, versioniert je Plattform, Referenz und Einstellung</translation>
    </message>
    <message>
        <source>NAS Service</source>
        <translation>NAS-Dienst</translation>
    </message>
    <message>
        <source>NAS service</source>
        <translation>NAS-Dienst</translation>
    </message>
    <message>
        <source>Input size needed</source>
        <translation>Eingabegröße erforderlich</translation>
    </message>
    <message>
        <source>%1 was exported with a symbolic height or width for its input &apos;%2&apos;.
Give the size to open it at (batch x channels x height x width,
as %3 with the question marks filled in):</source>
        <translation>%1 wurde mit symbolischer Höhe oder Breite für den Eingang &apos;%2&apos; exportiert.
Geben Sie die Größe an, mit der es geöffnet wird (Batch x Kanäle x Höhe x Breite,
wie %3 mit ausgefüllten Fragezeichen):</translation>
    </message>
    <message>
        <source>Could not open the project</source>
        <translation>Projekt kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>The project&apos;s network could not be opened; the project that was open stays open.

%1</source>
        <translation>Das Netz des Projekts kann nicht geöffnet werden; das bisher geöffnete Projekt bleibt geöffnet.

%1</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::MetricNames</name>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Energie</translation>
    </message>
    <message>
        <source>Memory access</source>
        <translation>Speicherzugriff</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>unlesbar</translation>
    </message>
    <message>
        <source>power (mW)</source>
        <translation>Leistung (mW)</translation>
    </message>
    <message>
        <source>energy (mJ)</source>
        <translation>Energie (mJ)</translation>
    </message>
    <message>
        <source>memory access (MB)</source>
        <translation>Speicherzugriff (MB)</translation>
    </message>
    <message>
        <source>latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <source>pre-search</source>
        <translation>vor der Suche</translation>
    </message>
    <message>
        <source>post-search</source>
        <translation>nach der Suche</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>pre</source>
        <translation>vorher</translation>
    </message>
    <message>
        <source>post</source>
        <translation>nachher</translation>
    </message>
    <message>
        <source>both</source>
        <translation>beide</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>pre: check before the search</source>
        <translation>vorher: Prüfung vor der Suche</translation>
    </message>
    <message>
        <source>post: check after the search</source>
        <translation>nachher: Prüfung nach der Suche</translation>
    </message>
    <message>
        <source>both: before and after</source>
        <translation>beide: vorher und nachher</translation>
    </message>
    <message>
        <source>offline: never finetune</source>
        <translation>offline: nie feinabstimmen</translation>
    </message>
    <message>
        <source>online: retrain every generation</source>
        <translation>online: jede Generation neu trainieren</translation>
    </message>
    <message>
        <source>accuracy checks</source>
        <translation>Genauigkeitsprüfungen</translation>
    </message>
    <message>
        <source>finetuning (reference, AGG models)</source>
        <translation>Feinabstimmung (Referenz, AGG-Modelle)</translation>
    </message>
    <message>
        <source>each generation&apos;s best</source>
        <translation>die Besten jeder Generation</translation>
    </message>
    <message>
        <source>final model</source>
        <translation>endgültiges Modell</translation>
    </message>
    <message>
        <source>purpose not recorded</source>
        <translation>Zweck nicht erfasst</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::NasPanel</name>
    <message>
        <source>queued</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.key *.crt);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.key *.crt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>NAS service</source>
        <translation>NAS-Dienst</translation>
    </message>
    <message>
        <source>CA</source>
        <translation>CA</translation>
    </message>
    <message>
        <source>The service&apos;s CA certificate</source>
        <translation>CA-Zertifikat des Dienstes</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Zertifikat</translation>
    </message>
    <message>
        <source>This client&apos;s certificate</source>
        <translation>Zertifikat dieses Clients</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>This client&apos;s key</source>
        <translation>Schlüssel dieses Clients</translation>
    </message>
    <message>
        <source>Submit Project...</source>
        <translation>Projekt einreichen...</translation>
    </message>
    <message>
        <source>Send a project file and its reference network; the service runs the search in a container of its own</source>
        <translation>Sendet eine Projektdatei und ihr Referenznetz; der Dienst führt die Suche in einem eigenen Container aus</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Cancel Request</source>
        <translation>Anfrage abbrechen</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Last progress</source>
        <translation>Letzter Fortschritt</translation>
    </message>
    <message>
        <source>Submit a project to a NAS service (docs/services.md).</source>
        <translation>Reichen Sie ein Projekt bei einem NAS-Dienst ein (docs/services.md).</translation>
    </message>
    <message>
        <source>Submit Project</source>
        <translation>Projekt einreichen</translation>
    </message>
    <message>
        <source>Calibra projects (*.yaml *.yml)</source>
        <translation>Calibra-Projekte (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Cancel request %1? A running search stops as on Ctrl-C.</source>
        <translation>Anfrage %1 abbrechen? Eine laufende Suche hält an wie bei Strg+C.</translation>
    </message>
    <message>
        <source>Submitted %1 as request %2.</source>
        <translation>%1 als Anfrage %2 eingereicht.</translation>
    </message>
    <message>
        <source>Cancelling request %1.</source>
        <translation>Anfrage %1 wird abgebrochen.</translation>
    </message>
    <message>
        <source>The service has no request %1.</source>
        <translation>Der Dienst kennt keine Anfrage %1.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Open in Runs Tab</source>
        <translation>Im Reiter „Läufe“ öffnen</translation>
    </message>
    <message>
        <source>Copy the run into the runs folder and show it in the Runs tab; a running search is copied again every two seconds until it ends</source>
        <translation>Kopiert den Lauf in den Ordner der Läufe und zeigt ihn im Reiter „Läufe“; eine laufende Suche wird alle zwei Sekunden erneut kopiert, bis sie endet</translation>
    </message>
    <message>
        <source>Cannot follow request %1 in %2: %3</source>
        <translation>Anfrage %1 kann in %2 nicht verfolgt werden: %3</translation>
    </message>
    <message>
        <source>Following request %1 in %2.</source>
        <translation>Anfrage %1 wird in %2 verfolgt.</translation>
    </message>
    <message>
        <source>Request %1 could not be copied (tried again in two seconds): %2</source>
        <translation>Anfrage %1 konnte nicht kopiert werden (neuer Versuch in zwei Sekunden): %2</translation>
    </message>
    <message>
        <source>Request %1 is %2; its run is in %3.</source>
        <translation>Anfrage %1 ist %2; ihr Lauf liegt in %3.</translation>
    </message>
    <message>
        <source>Request %1 is %2 and has no run to show (Refresh shows why).</source>
        <translation>Anfrage %1 ist %2 und hat keinen Lauf zum Anzeigen („Aktualisieren“ zeigt den Grund).</translation>
    </message>
    <message>
        <source>Resume Request</source>
        <translation>Anfrage fortsetzen</translation>
    </message>
    <message>
        <source>Queue a cancelled, interrupted or failed request again: its search goes on where it stopped</source>
        <translation>Stellt eine abgebrochene, unterbrochene oder fehlgeschlagene Anfrage erneut in die Warteschlange: ihre Suche geht dort weiter, wo sie anhielt</translation>
    </message>
    <message>
        <source>Resuming request %1.</source>
        <translation>Anfrage %1 wird fortgesetzt.</translation>
    </message>
    <message>
        <source>Name the NAS service (host:port) and its certificates in the NAS Service tab first.</source>
        <translation>Geben Sie zuerst im Reiter „NAS-Dienst“ den NAS-Dienst (Host:Port) und seine Zertifikate an.</translation>
    </message>
    <message>
        <source>Submitted project %1 as request %2.</source>
        <translation>Projekt %1 als Anfrage %2 eingereicht.</translation>
    </message>
    <message>
        <source>The NAS service did not take the project: %1</source>
        <translation>Der NAS-Dienst hat das Projekt nicht angenommen: %1</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::NetworkLayerModel</name>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Op</source>
        <translation>Operation</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>Ausgabeform</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>MACs</translation>
    </message>
    <message>
        <source>Weight bytes</source>
        <translation>Gewichtsbytes</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::ParetoChart</name>
    <message>
        <source>Pareto front so far</source>
        <translation>Pareto-Front bisher</translation>
    </message>
    <message>
        <source>meets the constraints</source>
        <translation>hält die Vorgaben ein</translation>
    </message>
    <message>
        <source>breaks a constraint</source>
        <translation>überschreitet eine Vorgabe</translation>
    </message>
    <message>
        <source>generation (all searches)</source>
        <translation>Generation (alle Suchen)</translation>
    </message>
    <message>
        <source>hypervolume</source>
        <translation>Hypervolumen</translation>
    </message>
    <message>
        <source>No generation yet</source>
        <translation>Noch keine Generation</translation>
    </message>
    <message>
        <source>latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <source>power (mW)</source>
        <translation>Leistung (mW)</translation>
    </message>
    <message>
        <source>memory access (MB)</source>
        <translation>Speicherzugriff (MB)</translation>
    </message>
    <message>
        <source>Click a sub-network to select it.</source>
        <translation>Ein Teilnetz anklicken, um es auszuwählen.</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>Generation</translation>
    </message>
    <message>
        <source>against</source>
        <translation>gegen</translation>
    </message>
    <message>
        <source>predicted %1</source>
        <translation>vorhergesagte %1</translation>
    </message>
    <message>
        <source>search %1, generation %2</source>
        <translation>Suche %1, Generation %2</translation>
    </message>
    <message>
        <source>, breaks a constraint by %1%</source>
        <translation>, überschreitet eine Vorgabe um %1 %</translation>
    </message>
    <message>
        <source>, meets the constraints</source>
        <translation>, hält die Vorgaben ein</translation>
    </message>
    <message>
        <source>Member %1 [%2]: %3 %4, predicted latency %5 ms, power %6 mW, memory access %7 MB%8</source>
        <translation>Mitglied %1 [%2]: %3 %4, vorhergesagte Latenz %5 ms, Leistung %6 mW, Speicherzugriff %7 MB%8</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::Preferences</name>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>The language changes the next time Calibra starts.</source>
        <translation>Die Sprache ändert sich beim nächsten Start von Calibra.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>Runs Folder</source>
        <translation>Ordner für Läufe</translation>
    </message>
    <message>
        <source>Runs folder</source>
        <translation>Ordner für Läufe</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::RecentMenu</name>
    <message>
        <source>Project %1</source>
        <translation>Projekt %1</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::RunBrowser</name>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Generations</source>
        <translation>Generationen</translation>
    </message>
    <message>
        <source>Validations</source>
        <translation>Validierungen</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Letzte Änderung</translation>
    </message>
    <message>
        <source>Open in the Runs Tab</source>
        <translation>Im Reiter Läufe öffnen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Runs in %1 (Edit &gt; Preferences changes the folder)</source>
        <translation>Läufe in %1 (Bearbeiten &gt; Einstellungen ändert den Ordner)</translation>
    </message>
    <message>
        <source>No run yet: runs started in the Runs tab are kept here</source>
        <translation>Noch kein Lauf: im Reiter Läufe gestartete Läufe werden hier aufbewahrt</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::RunComparison</name>
    <message>
        <source>Add Run...</source>
        <translation>Lauf hinzufügen...</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Add runs to compare them.</source>
        <translation>Läufe hinzufügen, um sie zu vergleichen.</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Validations</source>
        <translation>Validierungen</translation>
    </message>
    <message>
        <source>Searches</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <source>Power (mW)</source>
        <translation>Leistung (mW)</translation>
    </message>
    <message>
        <source>Memory access (MB)</source>
        <translation>Speicherzugriff (MB)</translation>
    </message>
    <message>
        <source>Constraints</source>
        <translation>Vorgaben</translation>
    </message>
    <message>
        <source>generation (all searches)</source>
        <translation>Generation (alle Suchen)</translation>
    </message>
    <message>
        <source>hypervolume</source>
        <translation>Hypervolumen</translation>
    </message>
    <message>
        <source>predicted latency (ms)</source>
        <translation>vorhergesagte Latenz (ms)</translation>
    </message>
    <message>
        <source>Add a run directory</source>
        <translation>Ein Laufverzeichnis hinzufügen</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) compared.</source>
        <translation>
            <numerusform>%n Lauf verglichen.</numerusform>
            <numerusform>%n Läufe verglichen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not add %1: %2</source>
        <translation>%1 kann nicht hinzugefügt werden: %2</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>Lese %1</translation>
    </message>
    <message>
        <source>no final model</source>
        <translation>kein endgültiges Modell</translation>
    </message>
    <message>
        <source>met</source>
        <translation>eingehalten</translation>
    </message>
    <message>
        <source>broken</source>
        <translation>überschritten</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>Testgenauigkeit</translation>
    </message>
    <message>
        <source>estimate (each run&apos;s own estimator)</source>
        <translation>Schätzung (der eigene Schätzer jedes Laufs)</translation>
    </message>
    <message>
        <source>%1 (not trustworthy)</source>
        <translation>%1 (nicht vertrauenswürdig)</translation>
    </message>
    <message>
        <source>estimate</source>
        <translation>Schätzung</translation>
    </message>
    <message>
        <source>%1% (not retrained)</source>
        <translation>%1% (nicht neu trainiert)</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::RunPanel</name>
    <message>
        <source>Start Run</source>
        <translation>Lauf starten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Export Report...</source>
        <translation>Bericht exportieren...</translation>
    </message>
    <message>
        <source>PDF report with the charts, plus the HTML report, CSV tables and final model</source>
        <translation>PDF-Bericht mit den Diagrammen, dazu HTML-Bericht, CSV-Tabellen und endgültiges Modell</translation>
    </message>
    <message>
        <source>Export the run&apos;s report to</source>
        <translation>Den Bericht des Laufs exportieren nach</translation>
    </message>
    <message>
        <source>Exported %1 files to %2</source>
        <translation>%1 Dateien nach %2 exportiert</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Accuracy checks</source>
        <translation>Genauigkeitsprüfungen</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>Pareto-Front</translation>
    </message>
    <message>
        <source>Generations and checks</source>
        <translation>Generationen und Prüfungen</translation>
    </message>
    <message>
        <source>Starting a run in %1</source>
        <translation>Starte einen Lauf in %1</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>Lese %1</translation>
    </message>
    <message>
        <source>Could not open the run: %1</source>
        <translation>Lauf kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Run %1 (%2): %3 generations</source>
        <translation>Lauf %1 (%2): %3 Generationen</translation>
    </message>
    <message>
        <source>Cancelling after the current step...</source>
        <translation>Breche nach dem aktuellen Schritt ab...</translation>
    </message>
    <message>
        <source>Finished: %1 validations, %2 search(es). Report: %3</source>
        <translation>Fertig: %1 Validierungen, %2 Suche(n). Bericht: %3</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>the run is still going</source>
        <translation>der Lauf ist noch im Gange</translation>
    </message>
    <message>
        <source>Compare runs</source>
        <translation>Läufe vergleichen</translation>
    </message>
    <message>
        <source>Resume...</source>
        <translation>Fortsetzen...</translation>
    </message>
    <message>
        <source>Continue an interrupted or failed run from its directory</source>
        <translation>Einen unterbrochenen oder fehlgeschlagenen Lauf aus seinem Verzeichnis fortsetzen</translation>
    </message>
    <message>
        <source>Resume the run in</source>
        <translation>Den Lauf fortsetzen in</translation>
    </message>
    <message>
        <source>Resuming the run in %1</source>
        <translation>Setze den Lauf in %1 fort</translation>
    </message>
    <message>
        <source>Stopped. Continue with Resume..., or: calibra-cli run --resume %1</source>
        <translation>Angehalten. Fortsetzen mit „Fortsetzen...“ oder: calibra-cli run --resume %1</translation>
    </message>
    <message>
        <source>Waiting for the run in %1 to start (%2)</source>
        <translation>Warte auf den Start des Laufs in %1 (%2)</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>Predicted vs validated</source>
        <translation>Vorhergesagt und validiert</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Dieser Rechner</translation>
    </message>
    <message>
        <source>NAS service</source>
        <translation>NAS-Dienst</translation>
    </message>
    <message>
        <source>Submit the project to the NAS service named in the NAS Service tab, and follow it here</source>
        <translation>Reicht das Projekt beim im Reiter „NAS-Dienst“ angegebenen NAS-Dienst ein und verfolgt es hier</translation>
    </message>
    <message>
        <source>Run on</source>
        <translation>Ausführen auf</translation>
    </message>
    <message>
        <source>Submitting %1 to the NAS service...</source>
        <translation>%1 wird beim NAS-Dienst eingereicht...</translation>
    </message>
    <message>
        <source>Not run on the NAS service: %1</source>
        <translation>Nicht auf dem NAS-Dienst ausgeführt: %1</translation>
    </message>
    <message>
        <source>Run %1 (%2): %3 generations; training the final model</source>
        <translation>Lauf %1 (%2): %3 Generationen; das endgültige Modell wird trainiert</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::RunProgressView</name>
    <message>
        <source>No run yet</source>
        <translation>Noch kein Lauf</translation>
    </message>
    <message>
        <source>Search %1, generation %2 of %3, %4 s</source>
        <translation>Suche %1, Generation %2 von %3, %4 s</translation>
    </message>
    <message>
        <source>, about %1 s left</source>
        <translation>, noch etwa %1 s</translation>
    </message>
    <message>
        <source>%1 (%2 s so far)</source>
        <translation>%1 (bisher %2 s)</translation>
    </message>
    <message>
        <source>Every generation done; training the final model, %1 s</source>
        <translation>Alle Generationen fertig; das finale Modell wird trainiert, %1 s</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::RunSetupForm</name>
    <message>
        <source>pre: check before the search; post: check after it and re-run on failure; both; offline: never finetune; online: retrain every generation (baselines)</source>
        <translation>pre: Prüfung vor der Suche; post: Prüfung danach und Wiederholung bei Misserfolg; both: beides; offline: nie feinabstimmen; online: jede Generation neu trainieren (Vergleichsverfahren)</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <source> mW</source>
        <translation> mW</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Sub-networks validated per accuracy check</source>
        <translation>Je Genauigkeitsprüfung validierte Teilnetze</translation>
    </message>
    <message>
        <source>Auto: calibrate, then retrain</source>
        <translation>Automatisch: kalibrieren, dann nachtrainieren</translation>
    </message>
    <message>
        <source>Retrain the predictor</source>
        <translation>Prädiktor nachtrainieren</translation>
    </message>
    <message>
        <source>Calibrate only</source>
        <translation>Nur kalibrieren</translation>
    </message>
    <message>
        <source>Profile this device</source>
        <translation>Dieses Gerät profilieren</translation>
    </message>
    <message>
        <source>Transfer from reference devices</source>
        <translation>Von Referenzgeräten übertragen</translation>
    </message>
    <message>
        <source>How a failed check adapts the predictor. Calibration fits a scale and a cost per layer for each kind of layer: robust with few samples and on devices unlike the training set. Profiling learns this device&apos;s cost of every layer it measured (for many samples). Transfer mixes the costs of reference devices named in the project&apos;s check.references</source>
        <translation>Wie eine fehlgeschlagene Prüfung den Prädiktor anpasst. Die Kalibrierung passt je Schichtart einen Faktor und Kosten pro Schicht an: robust bei wenigen Stichproben und auf Geräten, die den Trainingsdaten nicht ähneln. Das Profilieren lernt die Kosten dieses Geräts für jede gemessene Schicht (für viele Stichproben). Die Übertragung mischt die Kosten der Referenzgeräte, die check.references des Projekts nennt</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Accuracy estimator</source>
        <translation>Genauigkeitsschätzer</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>Population</translation>
    </message>
    <message>
        <source>Generations</source>
        <translation>Generationen</translation>
    </message>
    <message>
        <source>Latency budget</source>
        <translation>Latenzbudget</translation>
    </message>
    <message>
        <source>Power limit</source>
        <translation>Leistungsgrenze</translation>
    </message>
    <message>
        <source>Memory-access limit</source>
        <translation>Speicherzugriffsgrenze</translation>
    </message>
    <message>
        <source>Check samples</source>
        <translation>Prüfstichproben</translation>
    </message>
    <message>
        <source>Finetune method</source>
        <translation>Feinabstimmungsverfahren</translation>
    </message>
    <message>
        <source>Check thresholds</source>
        <translation>Prüfschwellen</translation>
    </message>
    <message>
        <source>within 10%</source>
        <translation>innerhalb 10 %</translation>
    </message>
    <message>
        <source>MAPE at most</source>
        <translation>MAPE höchstens</translation>
    </message>
    <message>
        <source>Spearman</source>
        <translation>Spearman</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>The least share of checked sub-networks whose feasibility and Pareto-front membership are the same predicted and validated</source>
        <translation>Der kleinste Anteil geprüfter Teilnetze, deren Zulässigkeit und Pareto-Front-Zugehörigkeit vorhergesagt und validiert übereinstimmen</translation>
    </message>
    <message>
        <source>Decisions agree</source>
        <translation>Entscheidungen stimmen überein</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <source>Validator</source>
        <translation>Validator</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Best members of each generation validated for the Predicted vs validated chart (counted apart from the checks; never used to finetune)</source>
        <translation>Beste Mitglieder jeder Generation, die für das Diagramm „Vorhergesagt und validiert“ validiert werden (getrennt von den Prüfungen gezählt; nie zum Feinabstimmen verwendet)</translation>
    </message>
    <message>
        <source>Validated per generation</source>
        <translation>Validiert pro Generation</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::SupernetPanel</name>
    <message>
        <source>No supernet: open a network</source>
        <translation>Kein Supernetz: ein Netz öffnen</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Smallest</source>
        <translation>Kleinstes</translation>
    </message>
    <message>
        <source>Largest</source>
        <translation>Größtes</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>Zufällig</translation>
    </message>
    <message>
        <source>Choice point</source>
        <translation>Auswahlpunkt</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>Option</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Optionen</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 choice points (%3 kernel, %4 width, %5 depth, %6 resolution), 10&lt;sup&gt;%7&lt;/sup&gt; sub-networks</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: %2 Auswahlpunkte (%3 Kernel, %4 Breite, %5 Tiefe, %6 Auflösung), 10&lt;sup&gt;%7&lt;/sup&gt; Teilnetze</translation>
    </message>
    <message>
        <source>* the reference network&apos;s option</source>
        <translation>* die Option des Referenznetzes</translation>
    </message>
    <message>
        <source>Highlighted: %1 params, %2 MACs, input %3</source>
        <translation>Hervorgehoben: %1 Parameter, %2 MACs, Eingang %3</translation>
    </message>
    <message numerus="yes">
        <source>; %n operation substitution(s)</source>
        <translation>
            <numerusform>; %n Operationsersetzung</numerusform>
            <numerusform>; %n Operationsersetzungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Block</source>
        <translation>Block</translation>
    </message>
    <message>
        <source>input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>stage %1, %2</source>
        <translation>Stufe %1, %2</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::TargetSettingEditor</name>
    <message>
        <source>Platform</source>
        <translation>Plattform</translation>
    </message>
    <message>
        <source>Compile optimizations</source>
        <translation>Compiler-Optimierungen</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>M </source>
        <translation>M </translation>
    </message>
    <message>
        <source>N </source>
        <translation>N </translation>
    </message>
    <message>
        <source>K </source>
        <translation>K </translation>
    </message>
    <message>
        <source>Tiling</source>
        <translation>Kachelung</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>conservative (element-wise into producer)</source>
        <translation>konservativ (elementweise in den Erzeuger)</translation>
    </message>
    <message>
        <source>depth-first (tiled chains)</source>
        <translation>Depth-first (gekachelte Ketten)</translation>
    </message>
    <message>
        <source>Layer fusion</source>
        <translation>Schichtfusion</translation>
    </message>
    <message>
        <source>Dataflow</source>
        <translation>Datenfluss</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>Hardware usage</source>
        <translation>Hardwarenutzung</translation>
    </message>
    <message>
        <source>DVFS point</source>
        <translation>DVFS-Punkt</translation>
    </message>
    <message>
        <source> GB/s</source>
        <translation> GB/s</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <source>DRAM bandwidth cap</source>
        <translation>DRAM-Bandbreitengrenze</translation>
    </message>
    <message>
        <source>Active cores</source>
        <translation>Aktive Kerne</translation>
    </message>
    <message>
        <source> KiB</source>
        <translation> KiB</translation>
    </message>
    <message>
        <source>SRAM budget</source>
        <translation>SRAM-Budget</translation>
    </message>
    <message>
        <source>Reset to preset</source>
        <translation>Auf Voreinstellung zurücksetzen</translation>
    </message>
    <message>
        <source>Load...</source>
        <translation>Laden...</translation>
    </message>
    <message>
        <source>Save...</source>
        <translation>Speichern...</translation>
    </message>
    <message>
        <source>Reference DNN on this target (simulated)</source>
        <translation>Referenz-DNN auf diesem Ziel (simuliert)</translation>
    </message>
    <message>
        <source>No network</source>
        <translation>Kein Netz</translation>
    </message>
    <message>
        <source>Load target setting</source>
        <translation>Zieleinstellung laden</translation>
    </message>
    <message>
        <source>YAML (*.yaml *.yml)</source>
        <translation>YAML (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Save target setting</source>
        <translation>Zieleinstellung speichern</translation>
    </message>
    <message>
        <source>YAML (*.yaml)</source>
        <translation>YAML (*.yaml)</translation>
    </message>
    <message>
        <source>%1 MHz at %2 V</source>
        <translation>%1 MHz bei %2 V</translation>
    </message>
    <message>
        <source> of %1</source>
        <translation> von %1</translation>
    </message>
    <message>
        <source>Not loaded: %1</source>
        <translation>Nicht geladen: %1</translation>
    </message>
    <message>
        <source>Not saved: %1: %2</source>
        <translation>Nicht gespeichert: %1: %2</translation>
    </message>
    <message>
        <source>Simulating %1...</source>
        <translation>Simuliere %1...</translation>
    </message>
    <message>
        <source>%1
latency %2 ms
average power %3 mW
energy %4 mJ per inference
DRAM traffic %5 MB</source>
        <translation>%1
Latenz %2 ms
mittlere Leistung %3 mW
Energie %4 mJ je Inferenz
DRAM-Verkehr %5 MB</translation>
    </message>
    <message>
        <source>Cannot simulate with this setting.</source>
        <translation>Mit dieser Einstellung ist keine Simulation möglich.</translation>
    </message>
</context>
</TS>
