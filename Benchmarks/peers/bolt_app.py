"""Deal registration with Slack's Bolt for Python: the peer partnerbot is measured against.

The `peers` benchmark of partnerbot-benchmarks runs this app as

    SLACK_SIGNING_SECRET=... BOLT_DB=/tmp/x/bolt.sqlite \
    python -m uvicorn bolt_app:api --workers 2 --loop uvloop --http httptools \
        --host 127.0.0.1 --port PORT --no-access-log

and replays the same pre-signed `/register` slash commands against it as against `partnerbot
serve`. It is written the way Bolt's documentation shows a slash command listener: an `AsyncApp`
with the signing secret (Bolt verifies every request's signature and timestamp), a
`@app.command` listener that does its work and answers with `ack()`, and `process_before_response`
so the answer is sent only once the work is done (the registration is stored before the partner is
told so). The ASGI adapter is Bolt's own (`slack_bolt.adapter.asgi`).

What a registration does here, kept to what partnerbot's `/register` must also do:
- parse the text: bare words are the company, `key:value` words are options (`amount:50k`);
- normalize the customer (lowercase, punctuation removed, whitespace collapsed, legal suffixes
  such as inc/llc/ltd/corp dropped) so that "Customer 123 Inc." and "customer 123" are the same;
- insert one row into SQLite (WAL, `synchronous=FULL`: every acknowledged registration survives a
  power loss, as with partnerbot) with a unique index on the normalized customer, so a duplicate
  is refused by the database, also between the two workers;
- `ack("Registered DR-<rowid>: <customer>")` or `ack("Already registered: <customer>")`.

Each uvicorn worker opens its own sqlite3 connection (autocommit: one transaction and one fsync
per registration). Bolt's authorization needs a bot token; a fixed `authorize` function gives it
one without calling `auth.test`, so no request ever leaves the machine (AsyncApp has no
`token_verification_enabled` flag; this is its equivalent).

`python bolt_app.py --init-db PATH` creates the database before the workers start.
"""

import html
import os
import re
import sqlite3
import sys
import time

from slack_bolt.adapter.asgi.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult

SCHEMA = """
CREATE TABLE IF NOT EXISTS registration (
    id INTEGER PRIMARY KEY,
    customer_key TEXT NOT NULL,
    customer_name TEXT NOT NULL,
    amount INTEGER,
    team_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS registration_customer ON registration (customer_key);
"""

# Legal-form words dropped from the end of a company name.
SUFFIXES = frozenset(
    {"inc", "incorporated", "llc", "ltd", "limited", "corp", "corporation", "co", "company", "gmbh", "plc", "sa", "ag"}
)
OPTION = re.compile(r"^([A-Za-z_]+):(.*)$")
NOT_WORD = re.compile(r"[\W_]+")
AMOUNT = re.compile(r"^\$?([0-9][0-9,]*(?:\.[0-9]+)?)([kKmM]?)$")


def connect(path):
    """One connection: WAL, synchronous=FULL, autocommit, a generous busy timeout (two workers write)."""
    db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.executescript(SCHEMA)
    return db


_database = None
_database_pid = None


def database():
    """This worker's connection, opened on first use (each process has its own)."""
    global _database, _database_pid
    if _database is None or _database_pid != os.getpid():
        _database = connect(os.environ.get("BOLT_DB", "bolt.sqlite"))
        _database_pid = os.getpid()
    return _database


def normalize(name):
    """The customer key: "Customer 123, Inc." -> "customer 123"."""
    words = NOT_WORD.sub(" ", name.replace("'", "").casefold()).split()
    while len(words) > 1 and words[-1] in SUFFIXES:
        words.pop()
    return " ".join(words)


def parse(text):
    """(company, amount or None) from `/register <company words…> [amount:50k] [key:value…]`."""
    words, amount = [], None
    for token in text.split():
        option = OPTION.match(token)
        if option is None:
            words.append(token)
        elif option.group(1).lower() == "amount":
            match = AMOUNT.match(option.group(2))
            if match:
                value = float(match.group(1).replace(",", ""))
                value *= {"k": 1_000, "m": 1_000_000}.get(match.group(2).lower(), 1)
                amount = int(value)
    return html.unescape(" ".join(words)), amount


async def authorize(enterprise_id, team_id, user_id):
    """A fixed bot identity: no auth.test call, no network."""
    return AuthorizeResult(
        enterprise_id=enterprise_id,
        team_id=team_id,
        user_id=user_id,
        bot_token="xoxb-bench-not-a-real-token",
        bot_id="B0BOLTBENCH",
        bot_user_id="U0BOLTBENCH",
    )


app = AsyncApp(
    signing_secret=os.environ.get("SLACK_SIGNING_SECRET"),
    authorize=authorize,
    process_before_response=True,
)


@app.command("/register")
async def register(ack, command):
    customer, amount = parse(command.get("text") or "")
    key = normalize(customer)
    if not key:
        await ack("Usage: /register <company> [amount:50k]")
        return
    try:
        cursor = database().execute(
            "INSERT INTO registration (customer_key, customer_name, amount, team_id, user_id, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (key, customer, amount, command.get("team_id", ""), command.get("user_id", ""), time.time()),
        )
    except sqlite3.IntegrityError:
        await ack(f"Already registered: {customer}")
        return
    await ack(f"Registered DR-{cursor.lastrowid}: {customer}")


# Slack posts slash commands to the URL configured for the command: partnerbot's is /slack/commands.
api = AsyncSlackRequestHandler(app, path="/slack/commands")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--init-db":
        connect(sys.argv[2]).close()
    else:
        sys.exit("usage: python bolt_app.py --init-db PATH (the app itself runs under uvicorn: bolt_app:api)")
