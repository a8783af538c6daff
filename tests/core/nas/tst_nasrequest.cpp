// SPDX-License-Identifier: GPL-3.0-or-later
// What a client of the NAS service is told of a request: its state name, from the
// container's state and then the run's status, and when it may be sent the run's store.
#include "nas/NasRequest.h"

#include <QTest>

using namespace calibra;
using nas::NasRequest;
using nas::RequestState;
using pipeline::RunStatus;

class TestNasRequest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stateNames()
    {
        NasRequest r;
        QCOMPARE(nas::stateName(r, RunStatus::Unknown), std::string("queued"));
        r.cancelRequested = true;
        QCOMPARE(nas::stateName(r, RunStatus::Unknown), std::string("cancelled"));
        r.cancelRequested = false;
        r.state = RequestState::Running;
        QCOMPARE(nas::stateName(r, RunStatus::Finished), std::string("running")); // until its container ends
        r.state = RequestState::Ended;
        QCOMPARE(nas::stateName(r, RunStatus::Finished), std::string("finished"));
        // Its container has ended: a run still marked running lost its writer.
        QCOMPARE(nas::stateName(r, RunStatus::Running), std::string("interrupted"));
        r.error = "the container could not start";
        QCOMPARE(nas::stateName(r, RunStatus::Finished), std::string("failed"));
    }

    // A run that finished inside a container the service has not yet seen end: its store
    // reads finished while the request is running, and is held back until the request
    // has ended (a mirror would otherwise show a finished run without its report).
    void aFinishedRunsStoreWaitsForItsRequestToEnd()
    {
        NasRequest r;
        r.state = RequestState::Running;
        QVERIFY(nas::storeReadyForClients(r, RunStatus::Running));
        QVERIFY(!nas::storeReadyForClients(r, RunStatus::Finished));
        QVERIFY(nas::storeReadyForClients(r, RunStatus::Interrupted));
        r.state = RequestState::Ended;
        QVERIFY(nas::storeReadyForClients(r, RunStatus::Finished));
    }
};

QTEST_GUILESS_MAIN(TestNasRequest)
#include "tst_nasrequest.moc"
