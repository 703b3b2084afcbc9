"""Where assessments and booking requests are kept.

`records` is the interface the actions use (plain data in, plain data out);
`db` is the one database session factory; `models` and `migrations/` are the
schema. Every function here blocks: async callers should run it in a thread
(`await asyncio.to_thread(save_booking, ...)`).
"""
from bot.storage.db import migrate
from bot.storage.records import (
    bookings_for,
    erase_conversation,
    latest_assessment,
    save_assessment,
    save_booking,
)

__all__ = ["migrate", "save_assessment", "latest_assessment", "save_booking",
           "bookings_for", "erase_conversation"]
