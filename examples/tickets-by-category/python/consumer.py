"""Loads the platform's ticket events into SQLite and answers "tickets solved per category last
month". A reporting team's starting point: read docs/consumers.md first.

    python examples/tickets-by-category/python/consumer.py \\
      [--brokers 127.0.0.1:19092] [--topic-prefix ''] [--database tickets.sqlite] \\
      [--group examples.tickets-by-category-py] [--month YYYY-MM (default: last month, UTC)] [--follow]

confluent-kafka (requirements.txt) is the only dependency; SQLite is Python's sqlite3. Without
--follow it stops once every partition has reached its end, prints the answer as JSON and exits.
"""

import argparse
import json
import sqlite3
import sys
from datetime import datetime, timezone

from confluent_kafka import Consumer, KafkaError, KafkaException

# The newest schema version of each event this consumer reads. A newer version is an
# incompatible change (docs/consumers.md): stop rather than load it wrongly.
KNOWN_VERSIONS = {
    "ticket.opened": 2,
    "ticket.reclassified": 1,
    "ticket.status-changed": 1,
    "category.created": 1,
}

SCHEMA = """
CREATE TABLE IF NOT EXISTS applied_events (id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS categories (category_id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tickets (
  ticket_id TEXT PRIMARY KEY, category_id TEXT, status TEXT NOT NULL, solved_at TEXT
);
"""

# ticket.opened and ticket.reclassified both carry the category
SET_CATEGORY = """
INSERT INTO tickets (ticket_id, category_id, status) VALUES (?, ?, 'new')
ON CONFLICT (ticket_id) DO UPDATE SET category_id = excluded.category_id
"""

# solved: the date of its last solution; closed without a solution (GLPI allows it): the closing
# date; any other status (reopened, solution refused): not solved
STATUS_CHANGED = """
INSERT INTO tickets (ticket_id, status, solved_at)
VALUES (:id, :to, CASE WHEN :to IN ('solved', 'closed') THEN :at END)
ON CONFLICT (ticket_id) DO UPDATE SET status = :to, solved_at = CASE
  WHEN :to = 'solved' THEN :at
  WHEN :to = 'closed' THEN coalesce(tickets.solved_at, :at)
END
"""

SOLVED_PER_CATEGORY = """
SELECT coalesce(c.name, '(no category)') AS category, count(*) AS tickets
FROM tickets t LEFT JOIN categories c ON c.category_id = t.category_id
WHERE t.solved_at >= ? AND t.solved_at < ?
GROUP BY 1 ORDER BY 1
"""


def last_month():
    now = datetime.now(timezone.utc)
    year, month = (now.year, now.month - 1) if now.month > 1 else (now.year - 1, 12)
    return f"{year:04d}-{month:02d}"


def apply(db, event):
    """Applies one event once: a redelivered event (same id) changes nothing."""
    known = KNOWN_VERSIONS.get(event["type"])
    if known is None or db.execute("SELECT 1 FROM applied_events WHERE id = ?", (event["id"],)).fetchone():
        return
    if event["schemaVersion"] > known:
        raise ValueError(f"{event['type']} v{event['schemaVersion']} is newer than this consumer knows (v{known})")
    data = event["data"]
    if event["type"] == "category.created":
        db.execute("INSERT OR REPLACE INTO categories (category_id, name) VALUES (?, ?)", (data["categoryId"], data["name"]))
    elif event["type"] in ("ticket.opened", "ticket.reclassified"):
        db.execute(SET_CATEGORY, (data["ticketId"], data.get("categoryId")))
    elif event["type"] == "ticket.status-changed":
        db.execute(STATUS_CHANGED, {"id": data["ticketId"], "to": data["to"], "at": event["occurredAt"]})
    db.execute("INSERT INTO applied_events (id) VALUES (?)", (event["id"],))


def answer(db, month):
    year, number = (int(part) for part in month.split("-"))
    start = f"{year:04d}-{number:02d}-01T00:00:00.000Z"
    end_year, end_month = (year, number + 1) if number < 12 else (year + 1, 1)
    end = f"{end_year:04d}-{end_month:02d}-01T00:00:00.000Z"
    rows = db.execute(SOLVED_PER_CATEGORY, (start, end)).fetchall()
    return {"month": month, "solvedPerCategory": [{"category": name, "tickets": count} for name, count in rows]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--brokers", default="127.0.0.1:19092")
    parser.add_argument("--topic-prefix", default="")
    parser.add_argument("--database", default="tickets.sqlite")
    parser.add_argument("--group", default="examples.tickets-by-category-py")
    parser.add_argument("--month", default=last_month())
    parser.add_argument("--follow", action="store_true")
    options = parser.parse_args()

    db = sqlite3.connect(options.database, isolation_level=None)
    db.executescript(SCHEMA)
    topic = f"{options.topic_prefix}itsm.tickets.events"
    consumer = Consumer(
        {
            "bootstrap.servers": options.brokers,
            "group.id": options.group,
            "auto.offset.reset": "earliest",
            # committed transactions only, as the platform publishes in transactions
            "isolation.level": "read_committed",
            # offsets are committed after the batch is stored (at least once)
            "enable.auto.commit": False,
            # says when a partition has no more messages: that is "caught up"
            "enable.partition.eof": True,
        }
    )
    assigned, at_end = set(), set()
    consumer.subscribe([topic], on_assign=lambda _, partitions: assigned.update(p.partition for p in partitions))
    answered = False
    try:
        while True:
            messages = consumer.consume(num_messages=500, timeout=1.0)
            db.execute("BEGIN")
            for message in messages:
                if message.error():
                    if message.error().code() == KafkaError._PARTITION_EOF:
                        at_end.add(message.partition())
                        continue
                    raise KafkaException(message.error())
                at_end.discard(message.partition())
                apply(db, json.loads(message.value()))
            db.execute("COMMIT")
            if any(not message.error() for message in messages):
                consumer.commit(asynchronous=False)
            if assigned and assigned <= at_end and not answered:
                print(json.dumps(answer(db, options.month)), flush=True)
                answered = True
                if not options.follow:
                    return
    except (KafkaException, ValueError) as error:
        # nothing of the failing batch was stored nor committed: fix the cause, restart
        if db.in_transaction:
            db.execute("ROLLBACK")
        print(f"tickets-by-category: {error}", file=sys.stderr)
        sys.exit(1)
    finally:
        consumer.close()
        db.close()


if __name__ == "__main__":
    main()
