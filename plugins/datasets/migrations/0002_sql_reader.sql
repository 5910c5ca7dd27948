-- Intentionally empty: this placeholder was committed before its content was written, so a
-- database may already have recorded it as applied. The read-only SQL role is in 0003.
SELECT 1;
