<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <source>search %1, %2 check, generation %3</source>
        <translation>搜尋 %1，%2檢查，第 %3 代</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>未通過</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>通過</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>不適用</translation>
    </message>
    <message>
        <source>none</source>
        <translation>無</translation>
    </message>
    <message>
        <source>met</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>&lt;b&gt;broken&lt;/b&gt;</source>
        <translation>&lt;b&gt;超出&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1: %2 nodes, %3 M parameters, %4 M MACs</source>
        <translation>%1：%2 個節點，%3 M 參數，%4 M MACs</translation>
    </message>
    <message>
        <source> (not readable here: %1)</source>
        <translation>（此處無法讀取：%1）</translation>
    </message>
    <message>
        <source>%1: no report.json (the run has not finished)</source>
        <translation>%1：沒有 report.json（執行尚未完成）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Cannot create %1</source>
        <translation>無法建立 %1</translation>
    </message>
    <message>
        <source>Cannot copy %1 to %2</source>
        <translation>無法將 %1 複製到 %2</translation>
    </message>
    <message>
        <source>&lt;h1&gt;Calibra run report: %1&lt;/h1&gt;</source>
        <translation>&lt;h1&gt;Calibra 執行報告：%1&lt;/h1&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Reference DNN&lt;/h2&gt;&lt;p&gt;%1&lt;/p&gt;</source>
        <translation>&lt;h2&gt;參考 DNN&lt;/h2&gt;&lt;p&gt;%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Platform and target setting&lt;/h2&gt;&lt;p&gt;Platform %1, validated with %2.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;平台與目標設定&lt;/h2&gt;&lt;p&gt;平台 %1，以 %2 驗證。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>the platform&apos;s default setting</source>
        <translation>平台的預設設定</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Final model&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;最終模型&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The search produced no final model.&lt;/p&gt;</source>
        <translation>&lt;p&gt;搜尋沒有產生最終模型。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>, test accuracy %1</source>
        <translation>，測試準確度 %1</translation>
    </message>
    <message>
        <source>It meets the constraints.</source>
        <translation>符合限制條件。</translation>
    </message>
    <message>
        <source>&lt;b&gt;It breaks the constraints.&lt;/b&gt;</source>
        <translation>&lt;b&gt;超出限制條件。&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;table border=1 cellspacing=0 cellpadding=3&gt;&lt;tr&gt;&lt;th&gt;metric&lt;/th&gt;&lt;th&gt;predicted&lt;/th&gt;&lt;th&gt;validated&lt;/th&gt;&lt;th&gt;limit&lt;/th&gt;&lt;th&gt;&lt;/th&gt;&lt;/tr&gt;</source>
        <translation>&lt;table border=1 cellspacing=0 cellpadding=3&gt;&lt;tr&gt;&lt;th&gt;指標&lt;/th&gt;&lt;th&gt;預測值&lt;/th&gt;&lt;th&gt;驗證值&lt;/th&gt;&lt;th&gt;上限&lt;/th&gt;&lt;th&gt;&lt;/th&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>latency (ms)</source>
        <translation>延遲 (ms)</translation>
    </message>
    <message>
        <source>power (mW)</source>
        <translation>功耗 (mW)</translation>
    </message>
    <message>
        <source>memory access (MB)</source>
        <translation>記憶體存取 (MB)</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Accuracy checks&lt;/h2&gt;&lt;table border=1 cellspacing=0 cellpadding=3&gt;&lt;tr&gt;&lt;th&gt;search&lt;/th&gt;&lt;th&gt;stage&lt;/th&gt;&lt;th&gt;samples&lt;/th&gt;&lt;th&gt;latency within 10%&lt;/th&gt;&lt;th&gt;power within 10%&lt;/th&gt;&lt;th&gt;memory within 10%&lt;/th&gt;&lt;th&gt;decision&lt;/th&gt;&lt;th&gt;failed thresholds&lt;/th&gt;&lt;/tr&gt;</source>
        <translation>&lt;h2&gt;準確度檢查&lt;/h2&gt;&lt;table border=1 cellspacing=0 cellpadding=3&gt;&lt;tr&gt;&lt;th&gt;搜尋&lt;/th&gt;&lt;th&gt;階段&lt;/th&gt;&lt;th&gt;樣本數&lt;/th&gt;&lt;th&gt;延遲誤差 10% 內&lt;/th&gt;&lt;th&gt;功耗誤差 10% 內&lt;/th&gt;&lt;th&gt;記憶體誤差 10% 內&lt;/th&gt;&lt;th&gt;決策&lt;/th&gt;&lt;th&gt;未達門檻&lt;/th&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Finetunes&lt;/h2&gt;&lt;table border=1 cellspacing=0 cellpadding=3&gt;&lt;tr&gt;&lt;th&gt;stage&lt;/th&gt;&lt;th&gt;train&lt;/th&gt;&lt;th&gt;held out&lt;/th&gt;&lt;th&gt;AGG models&lt;/th&gt;&lt;th&gt;held-out loss before&lt;/th&gt;&lt;th&gt;after&lt;/th&gt;&lt;th&gt;adopted&lt;/th&gt;&lt;/tr&gt;</source>
        <translation>&lt;h2&gt;微調&lt;/h2&gt;&lt;table border=1 cellspacing=0 cellpadding=3&gt;&lt;tr&gt;&lt;th&gt;階段&lt;/th&gt;&lt;th&gt;訓練&lt;/th&gt;&lt;th&gt;保留&lt;/th&gt;&lt;th&gt;AGG 模型&lt;/th&gt;&lt;th&gt;微調前保留損失&lt;/th&gt;&lt;th&gt;微調後&lt;/th&gt;&lt;th&gt;採用&lt;/th&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Charts&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;圖表&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Calibra run report: %1</source>
        <translation>Calibra 執行報告：%1</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>無法寫入 %1</translation>
    </message>
    <message>
        <source>keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>略過</translation>
    </message>
    <message>
        <source>reference operation</source>
        <translation>參考網路的運算</translation>
    </message>
    <message>
        <source>yes (%1)</source>
        <translation>是（%1）</translation>
    </message>
    <message>
        <source>bypass finetuning</source>
        <translation>略過微調</translation>
    </message>
    <message>
        <source>FINETUNE</source>
        <translation>微調</translation>
    </message>
    <message>
        <source>would finetune (no re-run left)</source>
        <translation>本應微調（已無重新搜尋次數）</translation>
    </message>
    <message>
        <source>retrain (online)</source>
        <translation>重新訓練（線上）</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Warnings&lt;/h2&gt;&lt;ul&gt;</source>
        <translation>&lt;h2&gt;警告&lt;/h2&gt;&lt;ul&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The smallest sub-network, trained the same way: test accuracy %1.&lt;/p&gt;</source>
        <translation>&lt;p&gt;以相同方式訓練的最小子網路：測試準確率 %1。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Not a trustworthy result:&lt;/b&gt; %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;不可信的結果：&lt;/b&gt;%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>未量測</translation>
    </message>
    <message>
        <source>search %1, %2 check</source>
        <translation>搜尋 %1，%2檢查</translation>
    </message>
    <message>
        <source>&lt;p&gt;Mode %1, searched on %2, %3 search(es), %4 validations. Run directory: %5&lt;/p&gt;</source>
        <translation>&lt;p&gt;模式 %1，搜尋依據 %2，%3 次搜尋，%4 次驗證。執行目錄：%5&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Genotype %1: %2. Estimated %3 %4%5. %6&lt;/p&gt;</source>
        <translation>&lt;p&gt;基因型 %1：%2。估計的%3 %4%5。%6&lt;/p&gt;</translation>
    </message>
    <message>
        <source>not judged (nothing compared)</source>
        <translation>未判斷（沒有可比較的）</translation>
    </message>
    <message>
        <source>&lt;p&gt;%1 M parameters, %2 M MACs.&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1 M 參數，%2 M MACs。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Not retrained: the final model has the weight-sharing supernet&apos;s weights.&lt;/p&gt;</source>
        <translation>&lt;p&gt;未重新訓練：最終模型使用權重共享超網路的權重。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The smallest sub-network, given the supernet&apos;s weights the same way: test accuracy %1.&lt;/p&gt;</source>
        <translation>&lt;p&gt;最小的子網路，以相同方式取得超網路的權重：測試準確度 %1。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>calibra::TranslatableText</name>
    <message>
        <source>pre</source>
        <translation>搜尋前</translation>
    </message>
    <message>
        <source>post</source>
        <translation>搜尋後</translation>
    </message>
    <message>
        <source>both</source>
        <translation>前後皆檢查</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>離線</translation>
    </message>
    <message>
        <source>online</source>
        <translation>線上</translation>
    </message>
    <message>
        <source>NASWOT score</source>
        <translation>NASWOT 分數</translation>
    </message>
    <message>
        <source>log10 parameters</source>
        <translation>log10 參數量</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>準確度</translation>
    </message>
    <message>
        <source>estimate</source>
        <translation>估計值</translation>
    </message>
    <message>
        <source>final model</source>
        <translation>最終模型</translation>
    </message>
    <message>
        <source>baseline (the smallest sub-network)</source>
        <translation>基準（最小的子網路）</translation>
    </message>
    <message>
        <source>; its best members could not be validated</source>
        <translation>；其最佳成員無法驗證</translation>
    </message>
    <message>
        <source>; %1 best validated: latency %2 ms, predicted %3 ms (%4%)</source>
        <translation>；驗證了 %1 個最佳成員：延遲 %2 ms，預測 %3 ms（%4%）</translation>
    </message>
    <message>
        <source>search %1 generation %2: %3 feasible of %4, best %5 %6, predicted latency %7 ms fastest, %8 ms mean</source>
        <translation>搜尋 %1 第 %2 代：%4 個中 %3 個可行，最佳%5 %6，預測延遲最快 %7 ms，平均 %8 ms</translation>
    </message>
    <message>
        <source>run %1 (%2) of %3 on %4: %5 choice points, population %6, %7 generations</source>
        <translation>執行 %1（%2）：%3 於 %4，%5 個選擇點，族群大小 %6，%7 代</translation>
    </message>
    <message>
        <source>re-running the search with the finetuned predictor (search %1)</source>
        <translation>以微調後的預測器重新搜尋（搜尋 %1）</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>未量測</translation>
    </message>
    <message>
        <source>final model: validated latency %1</source>
        <translation>最終模型：驗證延遲 %1</translation>
    </message>
    <message>
        <source> (median; 95% interval up to %1 ms, spread %2%)</source>
        <translation>（中位數；95% 區間上限 %1 ms，離散 %2%）</translation>
    </message>
    <message>
        <source>, power %1, memory access %2, meets the constraints</source>
        <translation>，功耗 %1，記憶體存取 %2，符合限制條件</translation>
    </message>
    <message>
        <source>, power %1, memory access %2, BREAKS the constraints</source>
        <translation>，功耗 %1，記憶體存取 %2，超出限制條件</translation>
    </message>
    <message>
        <source> (power on its prediction only)</source>
        <translation>（功耗僅依預測值）</translation>
    </message>
    <message>
        <source> (memory access on its prediction only)</source>
        <translation>（記憶體存取僅依預測值）</translation>
    </message>
    <message>
        <source>; test accuracy %1% on %2 images</source>
        <translation>；%2 張影像上的測試準確度 %1%</translation>
    </message>
    <message>
        <source> (the smallest sub-network, trained the same way: %1%)</source>
        <translation>（以相同方式訓練的最小子網路：%1%）</translation>
    </message>
    <message>
        <source>no final model: the search produced no candidates</source>
        <translation>沒有最終模型：搜尋未產生任何候選</translation>
    </message>
    <message>
        <source>run cancelled; continue it with: calibra-cli run --resume %1</source>
        <translation>執行已取消；繼續執行：calibra-cli run --resume %1</translation>
    </message>
    <message>
        <source>run stopped; continue it with: calibra-cli run --resume %1</source>
        <translation>執行已停止；繼續執行：calibra-cli run --resume %1</translation>
    </message>
    <message>
        <source>%1 check on %2 sub-networks</source>
        <translation>%1檢查，共 %2 個子網路</translation>
    </message>
    <message>
        <source> (%1 on the front, %2 near a limit, %3 at random)</source>
        <translation>（%1 個在前緣、%2 個接近限制、%3 個隨機）</translation>
    </message>
    <message>
        <source>, leaving out %1 that earlier finetunes used</source>
        <translation>，略過先前微調用過的 %1 個</translation>
    </message>
    <message>
        <source>retrain (online)</source>
        <translation>重新訓練（線上）</translation>
    </message>
    <message>
        <source>FINETUNE</source>
        <translation>微調</translation>
    </message>
    <message>
        <source>would finetune (no re-run left)</source>
        <translation>本應微調（已無重新搜尋次數）</translation>
    </message>
    <message>
        <source>bypass</source>
        <translation>略過微調</translation>
    </message>
    <message>
        <source>: within 10%: latency %1, power %2, memory access %3; decisions agree %4 -&gt; %5</source>
        <translation>：誤差 10% 內：延遲 %1，功耗 %2，記憶體存取 %3；決策一致 %4 -&gt; %5</translation>
    </message>
    <message>
        <source>finetuning the predictor on %1 validated networks and %2 AGG models</source>
        <translation>以 %1 個已驗證網路與 %2 個 AGG 模型微調預測器</translation>
    </message>
    <message>
        <source> (%1 generated ones left out: predicted over %2x the costliest validated network&apos;s latency)</source>
        <translation>（略過 %1 個生成模型：預測延遲超過最昂貴已驗證網路的 %2 倍）</translation>
    </message>
    <message>
        <source>finetune adopted (%1): held-out loss %2 -&gt; %3 (%4 training samples, %5 s)</source>
        <translation>微調已採用（%1）：保留損失 %2 -&gt; %3（%4 個訓練樣本，%5 秒）</translation>
    </message>
    <message>
        <source>finetune not adopted (no better on held-out samples): held-out loss %1 -&gt; %2 (%3 training samples, %4 s)</source>
        <translation>微調未採用（保留樣本上沒有更好）：保留損失 %1 -&gt; %2（%3 個訓練樣本，%4 秒）</translation>
    </message>
    <message>
        <source>; the validator measures no energy: power kept at the predictor&apos;s (not validated)</source>
        <translation>；驗證器無法量測能耗：功耗維持預測值（未驗證）</translation>
    </message>
    <message>
        <source>training the weight-sharing supernet on %1 (%2 sandwich steps, at most %3 s)</source>
        <translation>在 %1 上訓練權重共享超網路（%2 個三明治步驟，最多 %3 秒）</translation>
    </message>
    <message>
        <source>training the weight-sharing supernet on %1 (%2 sandwich steps)</source>
        <translation>在 %1 上訓練權重共享超網路（%2 個三明治步驟）</translation>
    </message>
    <message>
        <source>supernet trained: %1 steps in %2 s, largest sub-network&apos;s loss %3 -&gt; %4</source>
        <translation>超網路訓練完成：%2 秒內 %1 步，最大子網路損失 %3 -&gt; %4</translation>
    </message>
    <message>
        <source> (time budget reached)</source>
        <translation>（已達時間預算）</translation>
    </message>
    <message>
        <source> (tells them apart)</source>
        <translation>（能區分它們）</translation>
    </message>
    <message>
        <source>supernet trained further: %1 steps in %2 s, largest sub-network&apos;s loss %3 -&gt; %4</source>
        <translation>超網路已延長訓練：%2 秒內 %1 步，最大子網路損失 %3 -&gt; %4</translation>
    </message>
    <message>
        <source>training the %1: %2 epoch(s) on %3 training images</source>
        <translation>訓練%1：在 %3 張訓練影像上訓練 %2 個 epoch</translation>
    </message>
    <message>
        <source>%1 training: step %2 of %3, loss %4</source>
        <translation>%1訓練：第 %2 步，共 %3 步，損失 %4</translation>
    </message>
    <message>
        <source>%1 trained: %2 of %3 steps in %4 s, test accuracy %5% on %6 test images</source>
        <translation>%1訓練完成：%4 秒內完成 %2/%3 步，%6 張測試影像上的測試準確度 %5%</translation>
    </message>
    <message>
        <source>checks</source>
        <translation>檢查</translation>
    </message>
    <message>
        <source>finetunes</source>
        <translation>微調</translation>
    </message>
    <message>
        <source>per generation</source>
        <translation>每代</translation>
    </message>
    <message>
        <source>purpose not recorded</source>
        <translation>未記錄用途</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>, %1 %2</source>
        <translation>，%1 %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>無</translation>
    </message>
    <message>
        <source>per-generation validation</source>
        <translation>每代驗證</translation>
    </message>
    <message>
        <source>search</source>
        <translation>搜尋</translation>
    </message>
    <message>
        <source>finished: %1 validations (</source>
        <translation>完成：%1 次驗證（</translation>
    </message>
    <message>
        <source>), %1 search(es); report in %2</source>
        <translation>），%1 次搜尋；報告位於 %2</translation>
    </message>
    <message>
        <source>
time: </source>
        <translation>
時間：</translation>
    </message>
    <message>
        <source>accuracy checks and finetuning</source>
        <translation>準確度檢查與微調</translation>
    </message>
    <message>
        <source>supernet training</source>
        <translation>超網路訓練</translation>
    </message>
    <message>
        <source>estimator probe</source>
        <translation>估計器探測</translation>
    </message>
    <message>
        <source>final model validation</source>
        <translation>最終模型驗證</translation>
    </message>
    <message>
        <source>final training</source>
        <translation>最終訓練</translation>
    </message>
    <message>
        <source>baseline training</source>
        <translation>基準訓練</translation>
    </message>
    <message>
        <source>%1 %2 s</source>
        <translation>%1 %2 秒</translation>
    </message>
    <message>
        <source>, %1 %2 s</source>
        <translation>，%1 %2 秒</translation>
    </message>
    <message>
        <source>decisions: %1 agrees on %2 (%3 of %4 sub-networks)</source>
        <translation>決策：%1 一致率 %2（%4 個子網路中 %3 個不一致）</translation>
    </message>
    <message>
        <source>feasibility</source>
        <translation>可行性</translation>
    </message>
    <message>
        <source>front membership</source>
        <translation>前緣成員</translation>
    </message>
    <message>
        <source>final model: </source>
        <translation>最終模型：</translation>
    </message>
    <message>
        <source>power</source>
        <translation>功耗</translation>
    </message>
    <message>
        <source>memory access</source>
        <translation>記憶體存取</translation>
    </message>
    <message>
        <source>its limit of %1</source>
        <translation>其上限 %1</translation>
    </message>
    <message>
        <source> and minimizing it</source>
        <translation>並將其最小化</translation>
    </message>
    <message>
        <source>minimizing it</source>
        <translation>將其最小化</translation>
    </message>
    <message>
        <source>%1 is not measured by %2: the search keeps </source>
        <translation>%2 不量測%1：搜尋保留</translation>
    </message>
    <message>
        <source> on the predictor&apos;s figures, which no check validates (search.trust_unvalidated lists %1)</source>
        <translation>，依據預測器的數值，沒有任何檢查驗證它（search.trust_unvalidated 列出 %1）</translation>
    </message>
    <message>
        <source>%1 is not measured by %2: the search leaves out </source>
        <translation>%2 不量測%1：搜尋略過</translation>
    </message>
    <message>
        <source>, and the final model is not judged on it</source>
        <translation>，最終模型也不依此評判</translation>
    </message>
    <message>
        <source> (list %1 under search.trust_unvalidated to use the predictor&apos;s figures)</source>
        <translation>（在 search.trust_unvalidated 列出 %1 即可使用預測器的數值）</translation>
    </message>
    <message>
        <source>the target setting sets %1, which %2 does not apply: the predictor is given it, the validated figures do not reflect it, and a finetune learns the difference</source>
        <translation>目標設定指定了 %1，但 %2 不套用它：預測器會收到它，驗證數值不反映它，微調會學到其中差異</translation>
    </message>
    <message>
        <source>the target setting sets %1, which %2 does not apply: the predictor is given them, the validated figures do not reflect them, and a finetune learns the difference</source>
        <translation>目標設定指定了 %1，但 %2 不套用它們：預測器會收到它們，驗證數值不反映它們，微調會學到其中差異</translation>
    </message>
    <message>
        <source>the post-search check failed, but its finetune was not adopted (no better on held-out networks): the search is not re-run with the same predictor</source>
        <translation>搜尋後檢查未通過，但其微調未被採用（在保留網路上沒有更好）：不以同一預測器重新搜尋</translation>
    </message>
    <message>
        <source>; NOT TRUSTWORTHY: </source>
        <translation>；不可信：</translation>
    </message>
    <message>
        <source> (</source>
        <translation>（</translation>
    </message>
    <message>
        <source>, and %1 more)</source>
        <translation>，另有 %1 項）</translation>
    </message>
    <message>
        <source>)</source>
        <translation>）</translation>
    </message>
    <message>
        <source>the one-shot supernet&apos;s training stopped at its time budget after %1 of %2 steps: its accuracy estimates may be poor (remove oneshot.time_budget_s, or raise it)</source>
        <translation>one-shot 超網路的訓練在 %2 步中的第 %1 步達到時間預算而停止：其準確度估計可能不佳（移除 oneshot.time_budget_s 或將其調高）</translation>
    </message>
    <message>
        <source>largest</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>參考</translation>
    </message>
    <message>
        <source>smallest</source>
        <translation>最小</translation>
    </message>
    <message>
        <source>random</source>
        <translation>隨機</translation>
    </message>
    <message>
        <source>the accuracy estimator is near chance (</source>
        <translation>準確度估計器接近隨機猜測（</translation>
    </message>
    <message>
        <source>; chance is %1)</source>
        <translation>；隨機猜測為 %1）</translation>
    </message>
    <message>
        <source>the largest sub-network estimates no better than the smallest (</source>
        <translation>最大子網路的估計不比最小的好（</translation>
    </message>
    <message>
        <source>): the search would keep the cheapest sub-network</source>
        <translation>）：搜尋將保留成本最低的子網路</translation>
    </message>
    <message>
        <source>accuracy estimator before the search: </source>
        <translation>搜尋前的準確度估計器：</translation>
    </message>
    <message>
        <source>; train the supernet longer (oneshot.steps, now %1), or set oneshot.on_poor_estimates: extend</source>
        <translation>；請延長超網路訓練（oneshot.steps，目前 %1），或設定 oneshot.on_poor_estimates: extend</translation>
    </message>
    <message>
        <source>; train longer (final_training) or choose another accuracy estimator</source>
        <translation>；請延長訓練（final_training）或選擇其他準確度估計器</translation>
    </message>
    <message>
        <source>; training the supernet for another %1 steps</source>
        <translation>；超網路再訓練 %1 步</translation>
    </message>
    <message>
        <source>the final training stopped at its time budget after %1 of %2 steps (final_training.time_budget_s)</source>
        <translation>最終訓練在 %2 步中的第 %1 步達到時間預算而停止（final_training.time_budget_s）</translation>
    </message>
    <message>
        <source>test accuracy %1% is near chance (%2% for %3 classes)</source>
        <translation>測試準確度 %1% 接近隨機猜測（%3 個類別為 %2%）</translation>
    </message>
    <message>
        <source>test accuracy %1% is below the smallest sub-network&apos;s %2%, trained the same way: the search gained nothing</source>
        <translation>測試準確度 %1% 低於以相同方式訓練的最小子網路的 %2%：搜尋沒有帶來任何收益</translation>
    </message>
    <message>
        <source>latency</source>
        <translation>延遲</translation>
    </message>
    <message>
        <source>energy</source>
        <translation>能耗</translation>
    </message>
    <message>
        <source>%1: %2 within 10%</source>
        <translation>%1：誤差 10% 內 %2</translation>
    </message>
    <message>
        <source>%1: MAPE %2</source>
        <translation>%1：MAPE %2</translation>
    </message>
    <message>
        <source>%1: rank not judged (validated values span %2%, within the %3% tolerance)</source>
        <translation>%1：未評判排序（驗證值範圍 %2%，在 %3% 容差內）</translation>
    </message>
    <message>
        <source>%1: Spearman rho %2</source>
        <translation>%1：Spearman rho %2</translation>
    </message>
    <message>
        <source> (%1, and %2 more)</source>
        <translation>（%1，另有 %2 項）</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>accuracy estimator before the search: %1</source>
        <translation>搜尋前的準確度估計器：%1</translation>
    </message>
    <message>
        <source>; NOT TRUSTWORTHY: %1</source>
        <translation>；不可信：%1</translation>
    </message>
    <message>
        <source>%1 network measurement was kept although the probe after it was still off its baseline after %2 retries: the board was disturbed for long; measure again</source>
        <translation>保留了 %1 筆網路量測，儘管其後的探測在重試 %2 次後仍偏離基準：開發板長時間受到干擾；請重新量測</translation>
    </message>
    <message>
        <source>%1 network measurements were kept although the probe after them was still off its baseline after %2 retries: the board was disturbed for long; measure again</source>
        <translation>保留了 %1 筆網路量測，儘管其後的探測在重試 %2 次後仍偏離基準：開發板長時間受到干擾；請重新量測</translation>
    </message>
    <message>
        <source>finetune left out %1 implausible measurement (measured / predicted, against the other networks&apos; median: %2); check the validator for disturbed runs</source>
        <translation>微調略過了 %1 筆不合理的量測（量測值 / 預測值，相對於其他網路的中位數：%2）；請檢查驗證器是否有受干擾的執行</translation>
    </message>
    <message>
        <source>finetune left out %1 implausible measurements (measured / predicted, against the other networks&apos; median: %2); check the validator for disturbed runs</source>
        <translation>微調略過了 %1 筆不合理的量測（量測值 / 預測值，相對於其他網路的中位數：%2）；請檢查驗證器是否有受干擾的執行</translation>
    </message>
    <message>
        <source>%1: Spearman rho %2 (%3 of %4 pairs more than %5% apart out of order)</source>
        <translation>%1：Spearman rho %2（相差超過 %5% 的 %4 對中有 %3 對順序顛倒）</translation>
    </message>
    <message>
        <source>%1: Spearman rho %2, but no pair more than %3% apart is out of order: errors within the %4% tolerance swap only closer pairs</source>
        <translation>%1：Spearman rho %2，但相差超過 %3% 的配對皆未顛倒：%4% 容差內的誤差只會對調更接近的配對</translation>
    </message>
    <message>
        <source>%1: Spearman rho %2, but no two validated values are more than %3% apart: errors within the %4% tolerance can swap any pair</source>
        <translation>%1：Spearman rho %2，但沒有任何兩個驗證值相差超過 %3%：%4% 容差內的誤差可對調任何配對</translation>
    </message>
    <message>
        <source>; mutation %1 per gene (mutation_probability, from an older project: delete it for the default, mutated_genes: one gene per mutation)</source>
        <translation>；每個基因突變機率 %1（mutation_probability，來自較舊的專案：刪除它即改用預設的 mutated_genes：每次突變一個基因）</translation>
    </message>
    <message>
        <source>true-class probability</source>
        <translation>正確類別機率</translation>
    </message>
    <message>
        <source>), %1 search(es); report from the NAS service: calibra-cli nas fetch %2</source>
        <translation>），%1 次搜尋；報告請向 NAS 服務取回：calibra-cli nas fetch %2</translation>
    </message>
    <message>
        <source>run cancelled; continue it with: calibra-cli nas resume %1</source>
        <translation>執行已取消；繼續執行：calibra-cli nas resume %1</translation>
    </message>
    <message>
        <source>run stopped; continue it with: calibra-cli nas resume %1</source>
        <translation>執行已停止；繼續執行：calibra-cli nas resume %1</translation>
    </message>
    <message>
        <source>; decided on the first part, %1 more not validated</source>
        <translation>；由前半部決定，另 %1 個未驗證</translation>
    </message>
    <message>
        <source>nothing compared: no sub-network of the sample was validated, so the predictor was not judged</source>
        <translation>未比較任何子網路：樣本中沒有子網路經過驗證，因此未評判預測器</translation>
    </message>
    <message>
        <source>decided on the first part (%1 sub-networks compared): every one within 10% and every decision the same, so the other %2 were not validated</source>
        <translation>由前半部決定（比較了 %1 個子網路）：每個誤差皆在 10% 內且每個決策皆相同，因此其餘 %2 個未驗證</translation>
    </message>
    <message>
        <source>decided on the first part (%1 sub-networks compared): it already fails the check whatever the other %2 would show, and no finetune follows, so those were not validated</source>
        <translation>由前半部決定（比較了 %1 個子網路）：無論其餘 %2 個結果如何，檢查都已不合格，且之後不會微調，因此它們未驗證</translation>
    </message>
    <message>
        <source>, %1 of which the validator could not measure</source>
        <translation>，其中 %1 個驗證器無法量測</translation>
    </message>
    <message>
        <source>%1 validations failed (%2 succeeded); %3 of them: %4</source>
        <translation>%1 次驗證失敗（%2 次成功）；其中 %3 次：%4</translation>
    </message>
    <message>
        <source>the %1 check judged nothing: the validator could not measure any of its %2 sub-networks, so the predictor was not checked</source>
        <translation>%1檢查未作判斷：驗證器無法量測其 %2 個子網路中的任何一個，因此預測器未經檢查</translation>
    </message>
    <message>
        <source>finetune not made: %1 validated networks, too few to hold out any that would judge it (at least %2); the predictor stays as it was</source>
        <translation>未進行微調：僅 %1 個已驗證網路，不足以保留任何網路來評判它（至少需 %2 個）；預測器維持原樣</translation>
    </message>
    <message>
        <source>search %1 generation %2: none feasible of %3, predicted latency %4 ms fastest, %5 ms mean</source>
        <translation>搜尋 %1 第 %2 代：%3 個中沒有可行的，預測延遲最快 %4 ms，平均 %5 ms</translation>
    </message>
    <message>
        <source>the search found no sub-network predicted to meet the limits; the final model, the least violating, breaks them: %1</source>
        <translation>搜尋未找到預測能符合限制的子網路；最終模型（違反最少者）違反限制：%1</translation>
    </message>
    <message>
        <source>%1 validation failed (%2 succeeded): %4</source>
        <translation>%1 次驗證失敗（%2 次成功）：%4</translation>
    </message>
    <message>
        <source>the final model is the search&apos;s candidate %1 by rank: %2 of the %3 ranked above it could not be validated (%4)</source>
        <translation>最終模型是搜尋排名第 %1 的候選：排名在其之前的 %3 個中有 %2 個無法驗證（%4）</translation>
    </message>
    <message>
        <source>finetune not made: %1 validated network, too few to hold out any that would judge it (at least %2); the predictor stays as it was</source>
        <translation>未進行微調：僅 %1 個已驗證網路，不足以保留任何網路來評判它（至少需 %2 個）；預測器維持原樣</translation>
    </message>
    <message>
        <source>the last post-search check failed and no re-run was left (check.max_reruns %1): the final model&apos;s figures are validated, but the search chose among candidates with a predictor the check found inaccurate, so a better one may have been missed</source>
        <translation>最後一次搜尋後檢查未通過，且已無重新搜尋的機會（check.max_reruns %1）：最終模型的數值已經驗證，但搜尋是以檢查判定不準確的預測器挑選候選，可能錯過更好的模型</translation>
    </message>
    <message>
        <source>; the search&apos;s candidate %1 by rank: 1 ranked above it was validated over the limits</source>
        <translation>；為搜尋排名第 %1 的候選：排名在其之前的 1 個經驗證超出限制</translation>
    </message>
    <message>
        <source>; the search&apos;s candidate %1 by rank: %2 ranked above it were validated over the limits</source>
        <translation>；為搜尋排名第 %1 的候選：排名在其之前的 %2 個經驗證超出限制</translation>
    </message>
    <message>
        <source>the %1 limit looks out of reach: every sub-network of generation 0 is predicted over it, the smallest at %2 against %3</source>
        <translation>%1限制看來無法達成：第 0 代的每個子網路都被預測超出此限制，最小者為 %2，限制為 %3</translation>
    </message>
    <message>
        <source>supernet training: step %1 of %2, loss %3, %4 s, about %5 s left</source>
        <translation>超網路訓練：第 %1 步，共 %2 步，損失 %3，%4 秒，約剩 %5 秒</translation>
    </message>
    <message>
        <source>the dataset&apos;s test folder %1 has no images of the training class %2: the final model&apos;s test accuracy covers %3 of its %4 classes only</source>
        <translation>資料集的測試資料夾 %1 沒有訓練類別 %2 的影像：最終模型的測試準確率只涵蓋其 %4 個類別中的 %3 個</translation>
    </message>
    <message>
        <source>the dataset&apos;s test folder %1 has no images of the training classes %2: the final model&apos;s test accuracy covers %3 of its %4 classes only</source>
        <translation>資料集的測試資料夾 %1 沒有訓練類別 %2 的影像：最終模型的測試準確率只涵蓋其 %4 個類別中的 %3 個</translation>
    </message>
    <message>
        <source>: nothing compared, the predictor not judged -&gt; %1</source>
        <translation>：沒有可比較的項目，未評斷預測器 -&gt; %1</translation>
    </message>
    <message>
        <source>; input &apos;%1&apos; is %2 (the reference&apos;s %3)</source>
        <translation>；輸入「%1」為 %2（參考模型為 %3）</translation>
    </message>
    <message>
        <source>; output &apos;%1&apos; is %2 (the reference&apos;s %3)</source>
        <translation>；輸出「%1」為 %2（參考模型為 %3）</translation>
    </message>
    <message>
        <source>the NASWOT score is %1 for every sub-network probed (the largest, the reference, the smallest and 3 at random): it cannot tell them apart, and the search keeps the cheapest; choose another accuracy estimator (oneshot or train)</source>
        <translation>探測的每個子網路（最大、參考、最小與 3 個隨機）NASWOT 分數皆為 %1：無法區分它們，搜尋將保留成本最低者；請選擇其他準確度估計器（oneshot 或 train）</translation>
    </message>
    <message>
        <source>the NASWOT score is %1 for every sub-network probed: it reads ReLU activations, and this network has none, so the search keeps the cheapest; choose another accuracy estimator (oneshot or train)</source>
        <translation>探測的每個子網路 NASWOT 分數皆為 %1：它讀取 ReLU 激活，而此網路沒有 ReLU，因此搜尋將保留成本最低者；請選擇其他準確度估計器（oneshot 或 train）</translation>
    </message>
    <message>
        <source>inherited weights</source>
        <translation>繼承的權重</translation>
    </message>
    <message>
        <source>test accuracy %1% is below the smallest sub-network&apos;s %2%, given the supernet&apos;s weights the same way: the search gained nothing</source>
        <translation>測試準確度 %1% 低於以相同方式取得超網路權重的最小子網路的 %2%：搜尋沒有任何收穫</translation>
    </message>
    <message>
        <source>; test accuracy %1% on %2 images with the supernet&apos;s weights, not retrained</source>
        <translation>；使用超網路的權重、未重新訓練，在 %2 張影像上的測試準確度 %1%</translation>
    </message>
    <message>
        <source> (the smallest sub-network, given the supernet&apos;s weights the same way: %1%)</source>
        <translation>（最小的子網路，以相同方式取得超網路的權重：%1%）</translation>
    </message>
    <message>
        <source>the reference has %1 convolution and linear layers, no BatchNorm after a convolution and no LayerNorm, as an export in eval mode (torch.onnx.export&apos;s default) leaves it, BatchNorm folded into the convolutions: its networks are trained with a BatchNorm after %2 of the reference&apos;s convolutions (those with a bias, not of pooled features nor giving the scores), folded back into their weights in every model handed back (to train with your own normalisation, export with training=torch.onnx.TrainingMode.PRESERVE, and a batch of 2 or more where a map shrinks to 1x1)</source>
        <translation>參考網路有 %1 個卷積與全連接層，卷積之後沒有 BatchNorm，也沒有 LayerNorm，正如以 eval 模式匯出（torch.onnx.export 的預設）所留下的，BatchNorm 已折入卷積：其網路在訓練時於參考網路的 %2 個卷積（有偏置、非作用於池化特徵、也不產生分數者）後各加一個 BatchNorm，並在交回的每個模型中折回這些卷積的權重（若要以您自己的正規化訓練，請以 training=torch.onnx.TrainingMode.PRESERVE 匯出，且在特徵圖縮至 1x1 時使用 2 以上的批次）</translation>
    </message>
    <message>
        <source>the weight-sharing supernet, whose weights the final model has, stopped at its time budget after %1 of %2 steps (oneshot.time_budget_s)</source>
        <translation>最終模型所使用權重的權重共享超網路，在 %2 步中的第 %1 步時因達到時間預算而停止（oneshot.time_budget_s）</translation>
    </message>
    <message>
        <source>final model: the weight-sharing supernet&apos;s weights (BatchNorm statistics, if any, recalibrated), not retrained (final_training.epochs is 0): test accuracy %1% on %2 test images</source>
        <translation>最終模型：使用權重共享超網路的權重（若有 BatchNorm 統計量則已重新校準），未重新訓練（final_training.epochs 為 0）：在 %2 張測試影像上的測試準確度 %1%</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::CheckChart</name>
    <message>
        <source>Metric</source>
        <translation>指標</translation>
    </message>
    <message>
        <source>within 10%</source>
        <translation>誤差 10% 內</translation>
    </message>
    <message>
        <source>y = x</source>
        <translation>y = x</translation>
    </message>
    <message>
        <source>this check</source>
        <translation>本次檢查</translation>
    </message>
    <message>
        <source>the check before</source>
        <translation>前一次檢查</translation>
    </message>
    <message>
        <source>No accuracy check yet</source>
        <translation>尚無準確度檢查</translation>
    </message>
    <message>
        <source>predicted %1</source>
        <translation>預測%1</translation>
    </message>
    <message>
        <source>validated %1</source>
        <translation>驗證%1</translation>
    </message>
    <message>
        <source>%1 check (search %2):
%3 not measured by this validator</source>
        <translation>%1檢查（搜尋 %2）：
此驗證器未量測%3</translation>
    </message>
    <message>
        <source>%1 check (search %2): %3 within 10%,
MAPE %4%, Spearman %5 -&gt; %6</source>
        <translation>%1檢查（搜尋 %2）：%3 在 10% 內，
MAPE %4%，Spearman %5 -&gt; %6</translation>
    </message>
    <message>
        <source>%1 check (search %2):
nothing compared: not judged</source>
        <translation>%1檢查（搜尋 %2）：
沒有可比較的：未判斷</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::CheckHistoryChart</name>
    <message>
        <source>accuracy check (in the order they ran)</source>
        <translation>準確度檢查（依執行順序）</translation>
    </message>
    <message>
        <source>prediction error, MAPE (%)</source>
        <translation>預測誤差，MAPE (%)</translation>
    </message>
    <message>
        <source>finetune</source>
        <translation>微調</translation>
    </message>
    <message>
        <source>bypass</source>
        <translation>略過微調</translation>
    </message>
    <message>
        <source>re-run: search %1</source>
        <translation>重新執行：搜尋 %1</translation>
    </message>
    <message>
        <source>would finetune (no re-run left)</source>
        <translation>本應微調（已無重新搜尋次數）</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::CheckInspector</name>
    <message>
        <source>No accuracy check yet</source>
        <translation>尚無準確度檢查</translation>
    </message>
    <message>
        <source>Filter sub-networks by genotype</source>
        <translation>依基因型篩選子網路</translation>
    </message>
    <message>
        <source>Export CSV...</source>
        <translation>匯出 CSV...</translation>
    </message>
    <message>
        <source>Export the check as CSV</source>
        <translation>將檢查匯出為 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 檔案 (*.csv)</translation>
    </message>
    <message>
        <source>%1: %2% within 10% (needs %3%), MAPE %4% (at most %5%), Spearman %6 (at least %7)</source>
        <translation>%1：%2% 在 10% 內（需 %3%），MAPE %4%（至多 %5%），Spearman %6（至少 %7）</translation>
    </message>
    <message>
        <source> (failed: %1)</source>
        <translation>（未通過：%1）</translation>
    </message>
    <message>
        <source>%1 sub-networks compared.</source>
        <translation>已比較 %1 個子網路。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>無法寫入 %1：%2</translation>
    </message>
    <message>
        <source>decisions: feasibility agrees on %1%, front membership on %2% of %3 sub-networks (needs %4%)</source>
        <translation>決策一致性：%3 個子網路中，可行性一致 %1%，前緣成員一致 %2%（需 %4%）</translation>
    </message>
    <message>
        <source>sample: %1 on the front, %2 near a limit, %3 at random</source>
        <translation>樣本：%1 個在前緣、%2 個接近限制、%3 個隨機</translation>
    </message>
    <message>
        <source>Decision: %1</source>
        <translation>決策：%1</translation>
    </message>
    <message>
        <source>%1: not measured by this validator</source>
        <translation>%1：此驗證器無法量測</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::CheckSampleModel</name>
    <message>
        <source>not validated</source>
        <translation>未驗證</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>不適用</translation>
    </message>
    <message>
        <source>Sub-network (genotype)</source>
        <translation>子網路（基因型）</translation>
    </message>
    <message>
        <source>Latency predicted (ms)</source>
        <translation>預測延遲 (ms)</translation>
    </message>
    <message>
        <source>Latency validated (ms)</source>
        <translation>驗證延遲 (ms)</translation>
    </message>
    <message>
        <source>Latency error</source>
        <translation>延遲誤差</translation>
    </message>
    <message>
        <source>Power predicted (mW)</source>
        <translation>預測功耗 (mW)</translation>
    </message>
    <message>
        <source>Power validated (mW)</source>
        <translation>驗證功耗 (mW)</translation>
    </message>
    <message>
        <source>Power error</source>
        <translation>功耗誤差</translation>
    </message>
    <message>
        <source>Memory access predicted (MB)</source>
        <translation>預測記憶體存取 (MB)</translation>
    </message>
    <message>
        <source>Memory access validated (MB)</source>
        <translation>驗證記憶體存取 (MB)</translation>
    </message>
    <message>
        <source>Memory access error</source>
        <translation>記憶體存取誤差</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::ConnectionPanel</name>
    <message>
        <source>Validator</source>
        <translation>驗證器</translation>
    </message>
    <message>
        <source>Local simulator</source>
        <translation>本機模擬器</translation>
    </message>
    <message>
        <source>Tethered board (calibra-board)</source>
        <translation>連線開發板 (calibra-board)</translation>
    </message>
    <message>
        <source>host:port, host:port</source>
        <translation>主機:連接埠, 主機:連接埠</translation>
    </message>
    <message>
        <source>calibra-board services; batches are shared among them</source>
        <translation>calibra-board 服務；批次由它們分擔</translation>
    </message>
    <message>
        <source>Validate on</source>
        <translation>驗證於</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>服務</translation>
    </message>
    <message>
        <source>the services&apos; CA certificate</source>
        <translation>服務的 CA 憑證</translation>
    </message>
    <message>
        <source>CA</source>
        <translation>CA</translation>
    </message>
    <message>
        <source>this client&apos;s certificate</source>
        <translation>此用戶端的憑證</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>憑證</translation>
    </message>
    <message>
        <source>this client&apos;s key</source>
        <translation>此用戶端的金鑰</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>金鑰</translation>
    </message>
    <message>
        <source>Test Connection</source>
        <translation>測試連線</translation>
    </message>
    <message>
        <source>%1: connected (%2 on %3)</source>
        <translation>%1：已連線（%3 上的 %2）</translation>
    </message>
    <message>
        <source>%1: FAILED: %2</source>
        <translation>%1：失敗：%2</translation>
    </message>
    <message>
        <source>PEM file: %1</source>
        <translation>PEM 檔案：%1</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>瀏覽...</translation>
    </message>
    <message>
        <source>Choose %1</source>
        <translation>選擇%1</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM 檔案 (*.pem *.crt *.key);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>Runs validate on the local simulator.</source>
        <translation>執行時以本機模擬器驗證。</translation>
    </message>
    <message>
        <source>Enter at least one service address (host:port).</source>
        <translation>請輸入至少一個服務位址（主機:連接埠）。</translation>
    </message>
    <message>
        <source>Connecting...</source>
        <translation>連線中...</translation>
    </message>
    <message>
        <source>Slurm board farm (the project&apos;s settings)</source>
        <translation>Slurm 開發板叢集（專案的設定）</translation>
    </message>
    <message>
        <source>Runs submit their validations to Slurm as the project&apos;s validator section says; the Farm tab lists the jobs.</source>
        <translation>執行會依專案的驗證器設定將驗證提交給 Slurm；「叢集」分頁列出這些工作。</translation>
    </message>
    <message>
        <source>Measurement table (the project&apos;s file)</source>
        <translation>量測表（專案指定的檔案）</translation>
    </message>
    <message>
        <source>This project validates, checks and finetunes through the finetuning service %1 (platform %2), which chooses the validator (docs/services.md).</source>
        <translation>此專案透過微調服務 %1（平台 %2）進行驗證、檢查與微調，由該服務選擇驗證器（docs/services.md）。</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::DagView</name>
    <message>
        <source>Laying out %1 nodes...</source>
        <translation>正在排版 %1 個節點...</translation>
    </message>
    <message>
        <source>block of %1 layers</source>
        <translation>%1 層的區塊</translation>
    </message>
    <message>
        <source>double-click to expand</source>
        <translation>按兩下展開</translation>
    </message>
    <message>
        <source> (log scale; blocks: sum)</source>
        <translation>（對數刻度；區塊：總和）</translation>
    </message>
    <message>
        <source> (log scale)</source>
        <translation>（對數刻度）</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>無法寫入 %1</translation>
    </message>
    <message>
        <source>stage %1, block %2</source>
        <translation>第 %1 階段，第 %2 個區塊</translation>
    </message>
    <message>
        <source>%1, %2 layers</source>
        <translation>%1，%2 層</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::EstimateLabels</name>
    <message>
        <source>accuracy (one-shot estimate)</source>
        <translation>準確度（一次性估計）</translation>
    </message>
    <message>
        <source>accuracy (short-training estimate)</source>
        <translation>準確度（短訓練估計）</translation>
    </message>
    <message>
        <source>NASWOT score (a proxy, not an accuracy)</source>
        <translation>NASWOT 分數（代理指標，非準確度）</translation>
    </message>
    <message>
        <source>log10 parameters (a proxy, not an accuracy)</source>
        <translation>log10 參數量（代理指標，非準確度）</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>準確度</translation>
    </message>
    <message>
        <source>NASWOT score</source>
        <translation>NASWOT 分數</translation>
    </message>
    <message>
        <source>log10 parameters</source>
        <translation>log10 參數量</translation>
    </message>
    <message>
        <source>true-class probability (one-shot estimate)</source>
        <translation>正確類別機率（one-shot 估計）</translation>
    </message>
    <message>
        <source>true-class probability</source>
        <translation>正確類別機率</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::FarmPanel</name>
    <message>
        <source>Slurm&apos;s default configuration</source>
        <translation>Slurm 的預設設定</translation>
    </message>
    <message>
        <source>slurm.conf of the cluster that holds the boards (empty: Slurm&apos;s default)</source>
        <translation>擁有開發板之叢集的 slurm.conf（空白：Slurm 的預設值）</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>瀏覽...</translation>
    </message>
    <message>
        <source>Choose slurm.conf</source>
        <translation>選擇 slurm.conf</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <source>Submit Projects...</source>
        <translation>提交專案...</translation>
    </message>
    <message>
        <source>Submit project files as Slurm jobs; each writes a run directory</source>
        <translation>將專案檔提交為 Slurm 工作；每個工作寫入一個執行目錄</translation>
    </message>
    <message>
        <source>Follow Run</source>
        <translation>追蹤執行</translation>
    </message>
    <message>
        <source>Show the selected search&apos;s run in the Runs tab, updated as it goes</source>
        <translation>在「執行」分頁中顯示所選搜尋的執行，並隨進度更新</translation>
    </message>
    <message>
        <source>Cancel Jobs</source>
        <translation>取消工作</translation>
    </message>
    <message>
        <source>Slurm configuration</source>
        <translation>Slurm 設定</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>工作</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>State</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Node or reason</source>
        <translation>節點或原因</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Run directory</source>
        <translation>執行目錄</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進度</translation>
    </message>
    <message>
        <source>Submit Projects</source>
        <translation>提交專案</translation>
    </message>
    <message>
        <source>Calibra projects (*.yaml *.yml)</source>
        <translation>Calibra 專案 (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Runs Directory (seen by every node)</source>
        <translation>執行目錄（所有節點皆可存取）</translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n job(s)? A cancelled search keeps its run directory and can be resumed.</source>
        <translation>
            <numerusform>要取消 %n 個工作嗎？已取消的搜尋會保留其執行目錄，之後可以繼續。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Submitted job %1: %n run(s) under %2</source>
        <translation>
            <numerusform>已提交工作 %1：%2 下的 %n 個執行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled %n job(s)</source>
        <translation>
            <numerusform>已取消 %n 個工作</numerusform>
        </translation>
    </message>
    <message>
        <source>Slurm: %1</source>
        <translation>Slurm：%1</translation>
    </message>
    <message>
        <source>search</source>
        <translation>搜尋</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>驗證</translation>
    </message>
    <message>
        <source>No Calibra jobs in the queue.</source>
        <translation>佇列中沒有 Calibra 工作。</translation>
    </message>
    <message numerus="yes">
        <source>%n Calibra job(s) in the queue.</source>
        <translation>
            <numerusform>佇列中有 %n 個 Calibra 工作。</numerusform>
        </translation>
    </message>
    <message>
        <source>no Slurm configuration at %1: choose the cluster&apos;s slurm.conf above</source>
        <translation>在 %1 找不到 Slurm 設定：請在上方選擇叢集的 slurm.conf</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::GenerationChart</name>
    <message>
        <source>generation (all searches)</source>
        <translation>世代（所有搜尋）</translation>
    </message>
    <message>
        <source>fastest predicted latency (ms)</source>
        <translation>最快預測延遲 (ms)</translation>
    </message>
    <message>
        <source>fastest latency</source>
        <translation>最快延遲</translation>
    </message>
    <message>
        <source>best feasible %1</source>
        <translation>最佳可行%1</translation>
    </message>
    <message>
        <source>best %1</source>
        <translation>最佳%1</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::GenerationValidationChart</name>
    <message>
        <source>generation (all searches)</source>
        <translation>世代（所有搜尋）</translation>
    </message>
    <message>
        <source>predicted, all members (mean)</source>
        <translation>預測，所有成員（平均）</translation>
    </message>
    <message>
        <source>predicted, validated members (mean)</source>
        <translation>預測，已驗證成員（平均）</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指標</translation>
    </message>
    <message>
        <source>validated, the same members (mean; bar: +-10%)</source>
        <translation>驗證值，相同成員（平均；誤差棒：±10%）</translation>
    </message>
    <message>
        <source>%1 check: %2</source>
        <translation>%1檢查：%2</translation>
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
        <translation>圖形</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>層</translation>
    </message>
    <message>
        <source>Supernet</source>
        <translation>超網路</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>執行</translation>
    </message>
    <message>
        <source>That sub-network belongs to another supernet than the open network&apos;s</source>
        <translation>該子網路屬於另一個超網路，並非目前開啟的網路</translation>
    </message>
    <message>
        <source>No simulation for the overlay and node figures: %1</source>
        <translation>無法為覆蓋圖與節點數據進行模擬：%1</translation>
    </message>
    <message>
        <source>No network loaded</source>
        <translation>未載入網路</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Network...</source>
        <translation>開啟網路(&amp;O)...</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近開啟(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;New Project</source>
        <translation>新增專案(&amp;N)</translation>
    </message>
    <message>
        <source>Open &amp;Project...</source>
        <translation>開啟專案(&amp;P)...</translation>
    </message>
    <message>
        <source>&amp;Save Project As...</source>
        <translation>專案另存新檔(&amp;S)...</translation>
    </message>
    <message>
        <source>Open &amp;Demo Project</source>
        <translation>開啟示範專案(&amp;D)</translation>
    </message>
    <message>
        <source>Open R&amp;un...</source>
        <translation>開啟執行(&amp;U)...</translation>
    </message>
    <message>
        <source>Open Run Directory</source>
        <translation>開啟執行目錄</translation>
    </message>
    <message>
        <source>&amp;Export Graph View...</source>
        <translation>匯出圖形檢視(&amp;E)...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編輯(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Find Node...</source>
        <translation>尋找節點(&amp;F)...</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <source>Lay Out &amp;Left to Right</source>
        <translation>由左至右排版(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Fit Graph</source>
        <translation>符合圖形大小(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Collapse Blocks</source>
        <translation>收合區塊(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Expand All Blocks</source>
        <translation>展開所有區塊(&amp;E)</translation>
    </message>
    <message>
        <source>Cost &amp;Overlay</source>
        <translation>成本覆蓋(&amp;O)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>無</translation>
    </message>
    <message>
        <source>Simulated Latency</source>
        <translation>模擬延遲</translation>
    </message>
    <message>
        <source>Simulated Energy</source>
        <translation>模擬能耗</translation>
    </message>
    <message>
        <source>Simulated DRAM Traffic</source>
        <translation>模擬 DRAM 流量</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Calibra</source>
        <translation>關於 Calibra(&amp;A)</translation>
    </message>
    <message>
        <source>About Calibra</source>
        <translation>關於 Calibra</translation>
    </message>
    <message>
        <source>&lt;b&gt;Calibra %1&lt;/b&gt;&lt;p&gt;Hardware-aware neural architecture search for edge accelerators.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Calibra %1&lt;/b&gt;&lt;p&gt;針對邊緣加速器的硬體感知神經架構搜尋。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>專案</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Target setting</source>
        <translation>目標設定</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>節點</translation>
    </message>
    <message>
        <source>Select a node in the graph</source>
        <translation>請在圖形中選擇節點</translation>
    </message>
    <message>
        <source>input %1</source>
        <translation>輸入 %1</translation>
    </message>
    <message>
        <source>output %1</source>
        <translation>輸出 %1</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>參數</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>MACs</translation>
    </message>
    <message>
        <source>weight bytes (fp32)</source>
        <translation>權重位元組 (fp32)</translation>
    </message>
    <message>
        <source>activation bytes in / out (fp32)</source>
        <translation>啟用值位元組 輸入 / 輸出 (fp32)</translation>
    </message>
    <message>
        <source>simulated latency of its execution group</source>
        <translation>其執行群組的模擬延遲</translation>
    </message>
    <message>
        <source>%1 us</source>
        <translation>%1 us</translation>
    </message>
    <message>
        <source>simulated energy of its execution group</source>
        <translation>其執行群組的模擬能耗</translation>
    </message>
    <message>
        <source>%1 uJ</source>
        <translation>%1 uJ</translation>
    </message>
    <message>
        <source>simulated DRAM traffic of its execution group</source>
        <translation>其執行群組的模擬 DRAM 流量</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>Find Node</source>
        <translation>尋找節點</translation>
    </message>
    <message>
        <source>Name or op type:</source>
        <translation>名稱或運算類型：</translation>
    </message>
    <message>
        <source>No node matches &apos;%1&apos;</source>
        <translation>沒有符合「%1」的節點</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s) match &apos;%1&apos;</source>
        <translation>
            <numerusform>%n 個節點符合「%1」</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Graph View</source>
        <translation>匯出圖形檢視</translation>
    </message>
    <message>
        <source>PNG (*.png);;SVG (*.svg)</source>
        <translation>PNG (*.png);;SVG (*.svg)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>匯出失敗</translation>
    </message>
    <message>
        <source>Could not open project</source>
        <translation>無法開啟專案</translation>
    </message>
    <message>
        <source>latency per execution group, us</source>
        <translation>每個執行群組的延遲，us</translation>
    </message>
    <message>
        <source>energy per execution group, uJ</source>
        <translation>每個執行群組的能耗，uJ</translation>
    </message>
    <message>
        <source>DRAM traffic per execution group, KB</source>
        <translation>每個執行群組的 DRAM 流量，KB</translation>
    </message>
    <message>
        <source>Reference DNN</source>
        <translation>參考 DNN</translation>
    </message>
    <message>
        <source>none</source>
        <translation>無</translation>
    </message>
    <message>
        <source>Input %1</source>
        <translation>輸入 %1</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>參數</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>%1 fusion, %2, %3 MHz</source>
        <translation>%1 融合，%2，%3 MHz</translation>
    </message>
    <message>
        <source>%1 choice points, 10^%2 sub-networks</source>
        <translation>%1 個選擇點，10^%2 個子網路</translation>
    </message>
    <message>
        <source>Predictor</source>
        <translation>預測器</translation>
    </message>
    <message>
        <source>shipped offline model (builtin:offline)</source>
        <translation>內建離線模型 (builtin:offline)</translation>
    </message>
    <message>
        <source>the Runs tab; calibra-cli run</source>
        <translation>「執行」分頁；calibra-cli run</translation>
    </message>
    <message>
        <source>Open Network</source>
        <translation>開啟網路</translation>
    </message>
    <message>
        <source>Networks (*.yaml *.yml *.onnx *.onnx.gz);;All files (*)</source>
        <translation>網路 (*.yaml *.yml *.onnx *.onnx.gz);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>Could not open project %1</source>
        <translation>無法開啟專案 %1</translation>
    </message>
    <message>
        <source>%1: cannot write (%2)</source>
        <translation>%1：無法寫入（%2）</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已儲存 %1</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>開啟專案</translation>
    </message>
    <message>
        <source>Calibra projects (*.yaml *.yml)</source>
        <translation>Calibra 專案 (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Save Project</source>
        <translation>儲存專案</translation>
    </message>
    <message>
        <source>Calibra projects (*.yaml)</source>
        <translation>Calibra 專案 (*.yaml)</translation>
    </message>
    <message>
        <source>Could not save project</source>
        <translation>無法儲存專案</translation>
    </message>
    <message>
        <source>Loading %1...</source>
        <translation>正在載入 %1...</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>無法開啟 %1</translation>
    </message>
    <message>
        <source>Could not open network</source>
        <translation>無法開啟網路</translation>
    </message>
    <message>
        <source>%1 - Calibra</source>
        <translation>%1 - Calibra</translation>
    </message>
    <message>
        <source>%1: %2 layers, %3 parameters, %4 MACs</source>
        <translation>%1：%2 層，%3 參數，%4 MACs</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已開啟 %1</translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation>偏好設定(&amp;P)...</translation>
    </message>
    <message>
        <source>Farm</source>
        <translation>叢集</translation>
    </message>
    <message>
        <source>The Runs tab is busy with a run; follow this one when it is done</source>
        <translation>「執行」分頁正忙於一個執行；請在其結束後再追蹤此執行</translation>
    </message>
    <message>
        <source>Open &amp;Built-in Network</source>
        <translation>開啟內建網路(&amp;B)</translation>
    </message>
    <message>
        <source>Past Runs</source>
        <translation>過去的執行</translation>
    </message>
    <message>
        <source>The Runs tab is busy with a run; open this one when it is done</source>
        <translation>執行分頁正忙於一個執行；請在其完成後再開啟這個</translation>
    </message>
    <message>
        <source>The run&apos;s platform or target setting could not be opened: %1</source>
        <translation>無法開啟此執行的平台或目標設定：%1</translation>
    </message>
    <message>
        <source>The finetuning service %1 holds this project&apos;s platform (%2); the target setting dock shows a local platform, not the project&apos;s</source>
        <translation>微調服務 %1 持有此專案的平台（%2）；「目標設定」窗格顯示的是本機平台，而非專案的平台</translation>
    </message>
    <message>
        <source>%1 (held by the finetuning service %2)</source>
        <translation>%1（由微調服務 %2 持有）</translation>
    </message>
    <message>
        <source>the platform&apos;s fastest</source>
        <translation>平台的最快設定</translation>
    </message>
    <message>
        <source>the project&apos;s, checked by the service</source>
        <translation>專案的設定，由服務檢查</translation>
    </message>
    <message>
        <source>the finetuning service&apos;s, versioned per platform, reference and setting</source>
        <translation>微調服務的預測器，依平台、參考網路與設定分版本保存</translation>
    </message>
    <message>
        <source>NAS Service</source>
        <translation>NAS 服務</translation>
    </message>
    <message>
        <source>NAS service</source>
        <translation>NAS 服務</translation>
    </message>
    <message>
        <source>Input size needed</source>
        <translation>需要輸入尺寸</translation>
    </message>
    <message>
        <source>%1 was exported with a symbolic height or width for its input &apos;%2&apos;.
Give the size to open it at (batch x channels x height x width,
as %3 with the question marks filled in):</source>
        <translation>%1 匯出時輸入「%2」的高度或寬度為符號維度。
請提供開啟時使用的尺寸（批次 x 通道 x 高 x 寬，
即 %3，並將問號填入數字）：</translation>
    </message>
    <message>
        <source>Could not open the project</source>
        <translation>無法開啟專案</translation>
    </message>
    <message>
        <source>The project&apos;s network could not be opened; the project that was open stays open.

%1</source>
        <translation>無法開啟專案的網路；原先開啟的專案維持開啟。

%1</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::MetricNames</name>
    <message>
        <source>Latency</source>
        <translation>延遲</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>功耗</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>能耗</translation>
    </message>
    <message>
        <source>Memory access</source>
        <translation>記憶體存取</translation>
    </message>
    <message>
        <source>running</source>
        <translation>執行中</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中斷</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>無法讀取</translation>
    </message>
    <message>
        <source>power (mW)</source>
        <translation>功耗 (mW)</translation>
    </message>
    <message>
        <source>energy (mJ)</source>
        <translation>能耗 (mJ)</translation>
    </message>
    <message>
        <source>memory access (MB)</source>
        <translation>記憶體存取 (MB)</translation>
    </message>
    <message>
        <source>latency (ms)</source>
        <translation>延遲 (ms)</translation>
    </message>
    <message>
        <source>pre-search</source>
        <translation>搜尋前</translation>
    </message>
    <message>
        <source>post-search</source>
        <translation>搜尋後</translation>
    </message>
    <message>
        <source>online</source>
        <translation>線上</translation>
    </message>
    <message>
        <source>pre</source>
        <translation>搜尋前</translation>
    </message>
    <message>
        <source>post</source>
        <translation>搜尋後</translation>
    </message>
    <message>
        <source>both</source>
        <translation>前後皆檢查</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>離線</translation>
    </message>
    <message>
        <source>pre: check before the search</source>
        <translation>搜尋前：於搜尋前檢查</translation>
    </message>
    <message>
        <source>post: check after the search</source>
        <translation>搜尋後：於搜尋後檢查</translation>
    </message>
    <message>
        <source>both: before and after</source>
        <translation>前後皆檢查：搜尋前與搜尋後</translation>
    </message>
    <message>
        <source>offline: never finetune</source>
        <translation>離線：從不微調</translation>
    </message>
    <message>
        <source>online: retrain every generation</source>
        <translation>線上：每一代重新訓練</translation>
    </message>
    <message>
        <source>accuracy checks</source>
        <translation>準確度檢查</translation>
    </message>
    <message>
        <source>finetuning (reference, AGG models)</source>
        <translation>微調（參考網路、AGG 模型）</translation>
    </message>
    <message>
        <source>each generation&apos;s best</source>
        <translation>每代最佳成員</translation>
    </message>
    <message>
        <source>final model</source>
        <translation>最終模型</translation>
    </message>
    <message>
        <source>purpose not recorded</source>
        <translation>未記錄用途</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::NasPanel</name>
    <message>
        <source>queued</source>
        <translation>排隊中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>執行中</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中斷</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>瀏覽...</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.key *.crt);;All files (*)</source>
        <translation>PEM 檔案 (*.pem *.key *.crt);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>NAS service</source>
        <translation>NAS 服務</translation>
    </message>
    <message>
        <source>CA</source>
        <translation>CA</translation>
    </message>
    <message>
        <source>The service&apos;s CA certificate</source>
        <translation>服務的 CA 憑證</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>憑證</translation>
    </message>
    <message>
        <source>This client&apos;s certificate</source>
        <translation>此用戶端的憑證</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>金鑰</translation>
    </message>
    <message>
        <source>This client&apos;s key</source>
        <translation>此用戶端的金鑰</translation>
    </message>
    <message>
        <source>Submit Project...</source>
        <translation>提交專案...</translation>
    </message>
    <message>
        <source>Send a project file and its reference network; the service runs the search in a container of its own</source>
        <translation>傳送專案檔與其參考網路；服務會在專屬的容器中執行搜尋</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <source>Cancel Request</source>
        <translation>取消請求</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>請求</translation>
    </message>
    <message>
        <source>State</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Last progress</source>
        <translation>最新進度</translation>
    </message>
    <message>
        <source>Submit a project to a NAS service (docs/services.md).</source>
        <translation>將專案提交至 NAS 服務（docs/services.md）。</translation>
    </message>
    <message>
        <source>Submit Project</source>
        <translation>提交專案</translation>
    </message>
    <message>
        <source>Calibra projects (*.yaml *.yml)</source>
        <translation>Calibra 專案 (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Cancel request %1? A running search stops as on Ctrl-C.</source>
        <translation>要取消請求 %1 嗎？執行中的搜尋會如同按下 Ctrl-C 般停止。</translation>
    </message>
    <message>
        <source>Submitted %1 as request %2.</source>
        <translation>已將 %1 提交為請求 %2。</translation>
    </message>
    <message>
        <source>Cancelling request %1.</source>
        <translation>正在取消請求 %1。</translation>
    </message>
    <message>
        <source>The service has no request %1.</source>
        <translation>服務沒有請求 %1。</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Open in Runs Tab</source>
        <translation>在「執行」分頁開啟</translation>
    </message>
    <message>
        <source>Copy the run into the runs folder and show it in the Runs tab; a running search is copied again every two seconds until it ends</source>
        <translation>將執行複製到執行資料夾並在「執行」分頁顯示；進行中的搜尋每兩秒重新複製一次，直到結束</translation>
    </message>
    <message>
        <source>Cannot follow request %1 in %2: %3</source>
        <translation>無法在 %2 追蹤請求 %1：%3</translation>
    </message>
    <message>
        <source>Following request %1 in %2.</source>
        <translation>正在 %2 追蹤請求 %1。</translation>
    </message>
    <message>
        <source>Request %1 could not be copied (tried again in two seconds): %2</source>
        <translation>無法複製請求 %1（兩秒後重試）：%2</translation>
    </message>
    <message>
        <source>Request %1 is %2; its run is in %3.</source>
        <translation>請求 %1 已%2；其執行位於 %3。</translation>
    </message>
    <message>
        <source>Request %1 is %2 and has no run to show (Refresh shows why).</source>
        <translation>請求 %1 已%2，沒有可顯示的執行（按「重新整理」查看原因）。</translation>
    </message>
    <message>
        <source>Resume Request</source>
        <translation>繼續請求</translation>
    </message>
    <message>
        <source>Queue a cancelled, interrupted or failed request again: its search goes on where it stopped</source>
        <translation>將已取消、中斷或失敗的請求重新排入佇列：其搜尋從停止處繼續</translation>
    </message>
    <message>
        <source>Resuming request %1.</source>
        <translation>正在繼續請求 %1。</translation>
    </message>
    <message>
        <source>Name the NAS service (host:port) and its certificates in the NAS Service tab first.</source>
        <translation>請先在「NAS 服務」分頁填入 NAS 服務（主機:連接埠）及其憑證。</translation>
    </message>
    <message>
        <source>Submitted project %1 as request %2.</source>
        <translation>已將專案 %1 提交為請求 %2。</translation>
    </message>
    <message>
        <source>The NAS service did not take the project: %1</source>
        <translation>NAS 服務未接受此專案：%1</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::NetworkLayerModel</name>
    <message>
        <source>Layer</source>
        <translation>層</translation>
    </message>
    <message>
        <source>Op</source>
        <translation>運算</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>輸出形狀</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>參數</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>MACs</translation>
    </message>
    <message>
        <source>Weight bytes</source>
        <translation>權重位元組</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::ParetoChart</name>
    <message>
        <source>Pareto front so far</source>
        <translation>目前為止的 Pareto 前緣</translation>
    </message>
    <message>
        <source>meets the constraints</source>
        <translation>符合限制條件</translation>
    </message>
    <message>
        <source>breaks a constraint</source>
        <translation>超出某項限制</translation>
    </message>
    <message>
        <source>generation (all searches)</source>
        <translation>世代（所有搜尋）</translation>
    </message>
    <message>
        <source>hypervolume</source>
        <translation>超體積</translation>
    </message>
    <message>
        <source>No generation yet</source>
        <translation>尚無世代</translation>
    </message>
    <message>
        <source>latency (ms)</source>
        <translation>延遲 (ms)</translation>
    </message>
    <message>
        <source>power (mW)</source>
        <translation>功耗 (mW)</translation>
    </message>
    <message>
        <source>memory access (MB)</source>
        <translation>記憶體存取 (MB)</translation>
    </message>
    <message>
        <source>Click a sub-network to select it.</source>
        <translation>按一下子網路以選取。</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>世代</translation>
    </message>
    <message>
        <source>against</source>
        <translation>對照</translation>
    </message>
    <message>
        <source>predicted %1</source>
        <translation>預測%1</translation>
    </message>
    <message>
        <source>search %1, generation %2</source>
        <translation>搜尋 %1，第 %2 代</translation>
    </message>
    <message>
        <source>, breaks a constraint by %1%</source>
        <translation>，超出某項限制 %1%</translation>
    </message>
    <message>
        <source>, meets the constraints</source>
        <translation>，符合限制條件</translation>
    </message>
    <message>
        <source>Member %1 [%2]: %3 %4, predicted latency %5 ms, power %6 mW, memory access %7 MB%8</source>
        <translation>成員 %1 [%2]：%3 %4，預測延遲 %5 ms，功耗 %6 mW，記憶體存取 %7 MB%8</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::Preferences</name>
    <message>
        <source>System language</source>
        <translation>系統語言</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>偏好設定</translation>
    </message>
    <message>
        <source>The language changes the next time Calibra starts.</source>
        <translation>語言將在下次啟動 Calibra 時變更。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>瀏覽...</translation>
    </message>
    <message>
        <source>Runs Folder</source>
        <translation>執行資料夾</translation>
    </message>
    <message>
        <source>Runs folder</source>
        <translation>執行資料夾</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::RecentMenu</name>
    <message>
        <source>Project %1</source>
        <translation>專案 %1</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::RunBrowser</name>
    <message>
        <source>Run</source>
        <translation>執行</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>專案</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Generations</source>
        <translation>世代</translation>
    </message>
    <message>
        <source>Validations</source>
        <translation>驗證次數</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>最後變更</translation>
    </message>
    <message>
        <source>Open in the Runs Tab</source>
        <translation>在執行分頁開啟</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <source>Runs in %1 (Edit &gt; Preferences changes the folder)</source>
        <translation>%1 中的執行（可在 編輯 &gt; 偏好設定 變更資料夾）</translation>
    </message>
    <message>
        <source>No run yet: runs started in the Runs tab are kept here</source>
        <translation>尚無執行：在執行分頁開始的執行會保存在這裡</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::RunComparison</name>
    <message>
        <source>Add Run...</source>
        <translation>加入執行...</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Add runs to compare them.</source>
        <translation>加入執行以進行比較。</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>執行</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Validations</source>
        <translation>驗證次數</translation>
    </message>
    <message>
        <source>Searches</source>
        <translation>搜尋次數</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>延遲 (ms)</translation>
    </message>
    <message>
        <source>Power (mW)</source>
        <translation>功耗 (mW)</translation>
    </message>
    <message>
        <source>Memory access (MB)</source>
        <translation>記憶體存取 (MB)</translation>
    </message>
    <message>
        <source>Constraints</source>
        <translation>限制條件</translation>
    </message>
    <message>
        <source>generation (all searches)</source>
        <translation>世代（所有搜尋）</translation>
    </message>
    <message>
        <source>hypervolume</source>
        <translation>超體積</translation>
    </message>
    <message>
        <source>predicted latency (ms)</source>
        <translation>預測延遲 (ms)</translation>
    </message>
    <message>
        <source>Add a run directory</source>
        <translation>加入執行目錄</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) compared.</source>
        <translation>
            <numerusform>已比較 %n 個執行。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not add %1: %2</source>
        <translation>無法加入 %1：%2</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>正在讀取 %1</translation>
    </message>
    <message>
        <source>no final model</source>
        <translation>無最終模型</translation>
    </message>
    <message>
        <source>met</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>broken</source>
        <translation>超出</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>測試準確度</translation>
    </message>
    <message>
        <source>estimate (each run&apos;s own estimator)</source>
        <translation>估計值（各執行自己的估計器）</translation>
    </message>
    <message>
        <source>%1 (not trustworthy)</source>
        <translation>%1（不可信）</translation>
    </message>
    <message>
        <source>estimate</source>
        <translation>估計值</translation>
    </message>
    <message>
        <source>%1% (not retrained)</source>
        <translation>%1%（未重新訓練）</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::RunPanel</name>
    <message>
        <source>Start Run</source>
        <translation>開始執行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export Report...</source>
        <translation>匯出報告...</translation>
    </message>
    <message>
        <source>PDF report with the charts, plus the HTML report, CSV tables and final model</source>
        <translation>含圖表的 PDF 報告，以及 HTML 報告、CSV 表格與最終模型</translation>
    </message>
    <message>
        <source>Export the run&apos;s report to</source>
        <translation>將執行報告匯出至</translation>
    </message>
    <message>
        <source>Exported %1 files to %2</source>
        <translation>已匯出 %1 個檔案至 %2</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>匯出失敗：%1</translation>
    </message>
    <message>
        <source>Accuracy checks</source>
        <translation>準確度檢查</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>Pareto 前緣</translation>
    </message>
    <message>
        <source>Generations and checks</source>
        <translation>世代與檢查</translation>
    </message>
    <message>
        <source>Starting a run in %1</source>
        <translation>在 %1 開始執行</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>正在讀取 %1</translation>
    </message>
    <message>
        <source>Could not open the run: %1</source>
        <translation>無法開啟執行：%1</translation>
    </message>
    <message>
        <source>Run %1 (%2): %3 generations</source>
        <translation>執行 %1（%2）：%3 代</translation>
    </message>
    <message>
        <source>Cancelling after the current step...</source>
        <translation>將在目前步驟後取消...</translation>
    </message>
    <message>
        <source>Finished: %1 validations, %2 search(es). Report: %3</source>
        <translation>完成：%1 次驗證，%2 次搜尋。報告：%3</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失敗：%1</translation>
    </message>
    <message>
        <source>the run is still going</source>
        <translation>執行仍在進行中</translation>
    </message>
    <message>
        <source>Compare runs</source>
        <translation>比較執行</translation>
    </message>
    <message>
        <source>Resume...</source>
        <translation>繼續執行...</translation>
    </message>
    <message>
        <source>Continue an interrupted or failed run from its directory</source>
        <translation>從執行目錄繼續已中斷或失敗的執行</translation>
    </message>
    <message>
        <source>Resume the run in</source>
        <translation>繼續執行位於</translation>
    </message>
    <message>
        <source>Resuming the run in %1</source>
        <translation>正在繼續 %1 中的執行</translation>
    </message>
    <message>
        <source>Stopped. Continue with Resume..., or: calibra-cli run --resume %1</source>
        <translation>已停止。以「繼續執行...」或以下指令繼續：calibra-cli run --resume %1</translation>
    </message>
    <message>
        <source>Waiting for the run in %1 to start (%2)</source>
        <translation>正在等待 %1 中的執行開始（%2）</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>Predicted vs validated</source>
        <translation>預測與驗證</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>本機</translation>
    </message>
    <message>
        <source>NAS service</source>
        <translation>NAS 服務</translation>
    </message>
    <message>
        <source>Submit the project to the NAS service named in the NAS Service tab, and follow it here</source>
        <translation>將專案提交至「NAS 服務」分頁所設定的 NAS 服務，並在此追蹤</translation>
    </message>
    <message>
        <source>Run on</source>
        <translation>執行於</translation>
    </message>
    <message>
        <source>Submitting %1 to the NAS service...</source>
        <translation>正在將 %1 提交至 NAS 服務...</translation>
    </message>
    <message>
        <source>Not run on the NAS service: %1</source>
        <translation>未在 NAS 服務上執行：%1</translation>
    </message>
    <message>
        <source>Run %1 (%2): %3 generations; training the final model</source>
        <translation>執行 %1（%2）：%3 代；正在訓練最終模型</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::RunProgressView</name>
    <message>
        <source>No run yet</source>
        <translation>尚未執行</translation>
    </message>
    <message>
        <source>Search %1, generation %2 of %3, %4 s</source>
        <translation>搜尋 %1，第 %2 代，共 %3 代，%4 秒</translation>
    </message>
    <message>
        <source>, about %1 s left</source>
        <translation>，約剩 %1 秒</translation>
    </message>
    <message>
        <source>%1 (%2 s so far)</source>
        <translation>%1（已 %2 秒）</translation>
    </message>
    <message>
        <source>Every generation done; training the final model, %1 s</source>
        <translation>所有世代皆已完成；正在訓練最終模型，%1 秒</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::RunSetupForm</name>
    <message>
        <source>pre: check before the search; post: check after it and re-run on failure; both; offline: never finetune; online: retrain every generation (baselines)</source>
        <translation>pre：搜尋前檢查；post：搜尋後檢查，未通過則重新執行；both：兩者；offline：從不微調；online：每一代重新訓練（基準）</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>無上限</translation>
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
        <translation>每次準確度檢查驗證的子網路數</translation>
    </message>
    <message>
        <source>Auto: calibrate, then retrain</source>
        <translation>自動：先校準，再重新訓練</translation>
    </message>
    <message>
        <source>Retrain the predictor</source>
        <translation>重新訓練預測器</translation>
    </message>
    <message>
        <source>Calibrate only</source>
        <translation>僅校準</translation>
    </message>
    <message>
        <source>Profile this device</source>
        <translation>建立此裝置的剖析</translation>
    </message>
    <message>
        <source>Transfer from reference devices</source>
        <translation>從參考裝置轉移</translation>
    </message>
    <message>
        <source>How a failed check adapts the predictor. Calibration fits a scale and a cost per layer for each kind of layer: robust with few samples and on devices unlike the training set. Profiling learns this device&apos;s cost of every layer it measured (for many samples). Transfer mixes the costs of reference devices named in the project&apos;s check.references</source>
        <translation>檢查未通過時如何調整預測器。校準為每種層擬合一個比例與每層固定成本：在樣本很少或裝置與訓練資料差異很大時依然穩健。剖析會學習此裝置對每個已量測層的成本（適用於大量樣本）。轉移則混合專案 check.references 所列參考裝置的成本</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Accuracy estimator</source>
        <translation>準確度估計器</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>族群大小</translation>
    </message>
    <message>
        <source>Generations</source>
        <translation>世代數</translation>
    </message>
    <message>
        <source>Latency budget</source>
        <translation>延遲預算</translation>
    </message>
    <message>
        <source>Power limit</source>
        <translation>功耗上限</translation>
    </message>
    <message>
        <source>Memory-access limit</source>
        <translation>記憶體存取上限</translation>
    </message>
    <message>
        <source>Check samples</source>
        <translation>檢查樣本數</translation>
    </message>
    <message>
        <source>Finetune method</source>
        <translation>微調方法</translation>
    </message>
    <message>
        <source>Check thresholds</source>
        <translation>檢查門檻</translation>
    </message>
    <message>
        <source>within 10%</source>
        <translation>誤差 10% 內</translation>
    </message>
    <message>
        <source>MAPE at most</source>
        <translation>MAPE 至多</translation>
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
        <translation>預測與驗證結果中，可行性與柏拉圖前緣成員身分皆一致的受檢子網路最低比例</translation>
    </message>
    <message>
        <source>Decisions agree</source>
        <translation>決策一致</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜尋</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>檢查</translation>
    </message>
    <message>
        <source>Validator</source>
        <translation>驗證器</translation>
    </message>
    <message>
        <source>none</source>
        <translation>無</translation>
    </message>
    <message>
        <source>Best members of each generation validated for the Predicted vs validated chart (counted apart from the checks; never used to finetune)</source>
        <translation>每一代中為「預測與驗證」圖表驗證的最佳成員數（與檢查分開計數；從不用於微調）</translation>
    </message>
    <message>
        <source>Validated per generation</source>
        <translation>每代驗證數</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::SupernetPanel</name>
    <message>
        <source>No supernet: open a network</source>
        <translation>沒有超網路：請開啟網路</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>參考</translation>
    </message>
    <message>
        <source>Smallest</source>
        <translation>最小</translation>
    </message>
    <message>
        <source>Largest</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>隨機</translation>
    </message>
    <message>
        <source>Choice point</source>
        <translation>選擇點</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>選項</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>所有選項</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 choice points (%3 kernel, %4 width, %5 depth, %6 resolution), 10&lt;sup&gt;%7&lt;/sup&gt; sub-networks</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：%2 個選擇點（%3 個核心大小、%4 個寬度、%5 個深度、%6 個解析度），10&lt;sup&gt;%7&lt;/sup&gt; 個子網路</translation>
    </message>
    <message>
        <source>* the reference network&apos;s option</source>
        <translation>* 參考網路的選項</translation>
    </message>
    <message>
        <source>Highlighted: %1 params, %2 MACs, input %3</source>
        <translation>已標示：%1 參數，%2 MACs，輸入 %3</translation>
    </message>
    <message numerus="yes">
        <source>; %n operation substitution(s)</source>
        <translation>
            <numerusform>；%n 個運算替換</numerusform>
        </translation>
    </message>
    <message>
        <source>Block</source>
        <translation>區塊</translation>
    </message>
    <message>
        <source>input</source>
        <translation>輸入</translation>
    </message>
    <message>
        <source>stage %1, %2</source>
        <translation>第 %1 階段，%2</translation>
    </message>
</context>
<context>
    <name>calibra::widgets::TargetSettingEditor</name>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Compile optimizations</source>
        <translation>編譯最佳化</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自動</translation>
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
        <translation>分塊</translation>
    </message>
    <message>
        <source>none</source>
        <translation>無</translation>
    </message>
    <message>
        <source>conservative (element-wise into producer)</source>
        <translation>保守（逐元素運算併入前一層）</translation>
    </message>
    <message>
        <source>depth-first (tiled chains)</source>
        <translation>深度優先（分塊鏈）</translation>
    </message>
    <message>
        <source>Layer fusion</source>
        <translation>層融合</translation>
    </message>
    <message>
        <source>Dataflow</source>
        <translation>資料流</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Hardware usage</source>
        <translation>硬體使用</translation>
    </message>
    <message>
        <source>DVFS point</source>
        <translation>DVFS 點</translation>
    </message>
    <message>
        <source> GB/s</source>
        <translation> GB/s</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>無上限</translation>
    </message>
    <message>
        <source>DRAM bandwidth cap</source>
        <translation>DRAM 頻寬上限</translation>
    </message>
    <message>
        <source>Active cores</source>
        <translation>啟用核心數</translation>
    </message>
    <message>
        <source> KiB</source>
        <translation> KiB</translation>
    </message>
    <message>
        <source>SRAM budget</source>
        <translation>SRAM 預算</translation>
    </message>
    <message>
        <source>Reset to preset</source>
        <translation>重設為預設</translation>
    </message>
    <message>
        <source>Load...</source>
        <translation>載入...</translation>
    </message>
    <message>
        <source>Save...</source>
        <translation>儲存...</translation>
    </message>
    <message>
        <source>Reference DNN on this target (simulated)</source>
        <translation>參考 DNN 於此目標（模擬）</translation>
    </message>
    <message>
        <source>No network</source>
        <translation>無網路</translation>
    </message>
    <message>
        <source>Load target setting</source>
        <translation>載入目標設定</translation>
    </message>
    <message>
        <source>YAML (*.yaml *.yml)</source>
        <translation>YAML (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Save target setting</source>
        <translation>儲存目標設定</translation>
    </message>
    <message>
        <source>YAML (*.yaml)</source>
        <translation>YAML (*.yaml)</translation>
    </message>
    <message>
        <source>%1 MHz at %2 V</source>
        <translation>%1 MHz，%2 V</translation>
    </message>
    <message>
        <source> of %1</source>
        <translation> / %1</translation>
    </message>
    <message>
        <source>Not loaded: %1</source>
        <translation>未載入：%1</translation>
    </message>
    <message>
        <source>Not saved: %1: %2</source>
        <translation>未儲存：%1：%2</translation>
    </message>
    <message>
        <source>Simulating %1...</source>
        <translation>正在模擬 %1...</translation>
    </message>
    <message>
        <source>%1
latency %2 ms
average power %3 mW
energy %4 mJ per inference
DRAM traffic %5 MB</source>
        <translation>%1
延遲 %2 ms
平均功耗 %3 mW
每次推論能耗 %4 mJ
DRAM 流量 %5 MB</translation>
    </message>
    <message>
        <source>Cannot simulate with this setting.</source>
        <translation>無法以此設定進行模擬。</translation>
    </message>
</context>
</TS>
