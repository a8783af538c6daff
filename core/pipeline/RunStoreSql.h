// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The run store's SQL helpers, shared by its source files (RunStore.cpp: the run, its
// validations and generations; RunStoreChecks.cpp: checks and finetunes). Not public.
#include "RunStore.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <cmath>

namespace calibra::pipeline::storesql {

[[noreturn]] inline void fail(const std::string &what, const QSqlError &error)
{
    throw RunStoreError(what + ": " + error.text().toStdString());
}

// A transaction that rolls back unless committed.
class Transaction
{
public:
    explicit Transaction(QSqlDatabase db) : m_db(std::move(db))
    {
        if (!m_db.transaction())
            fail("run store: cannot begin a transaction", m_db.lastError());
    }
    ~Transaction()
    {
        if (!m_done)
            m_db.rollback();
    }
    void commit()
    {
        if (!m_db.commit())
            fail("run store: commit failed", m_db.lastError());
        m_done = true;
    }

private:
    QSqlDatabase m_db;
    bool m_done = false;
};

inline QSqlQuery prepared(const QSqlDatabase &db, const char *sql)
{
    QSqlQuery q(db);
    if (!q.prepare(QString::fromUtf8(sql)))
        fail(std::string("run store: cannot prepare '") + sql + "'", q.lastError());
    return q;
}

inline void run(QSqlQuery &q, const char *what)
{
    if (!q.exec())
        fail(std::string("run store: ") + what, q.lastError());
}

inline QSqlQuery select(const QSqlDatabase &db, const char *sql, const QVariantList &bind = {})
{
    QSqlQuery q = prepared(db, sql);
    for (const QVariant &v : bind)
        q.addBindValue(v);
    run(q, sql);
    return q;
}

inline QString str(const std::string &s)
{
    return QString::fromStdString(s);
}

// An unavailable metric is NaN in memory and NULL in the store (SQLite turns a NaN it is
// given into NULL anyway); read back, NULL is NaN again, never 0.
inline QVariant orNull(double v)
{
    return std::isnan(v) ? QVariant(QMetaType::fromType<double>()) : QVariant(v);
}
inline double nanIfNull(const QVariant &v)
{
    return v.isNull() ? std::nan("") : v.toDouble();
}

} // namespace calibra::pipeline::storesql
