#include <QTest>
class T : public QObject { Q_OBJECT private Q_SLOTS: void none() { QSKIP("todo"); } };
QTEST_GUILESS_MAIN(T)
#include "tst_graph.moc"
