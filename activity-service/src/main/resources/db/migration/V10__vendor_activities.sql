-- Workouts handed over by ingestion (ActivityReported): a Garmin activities summary or an Apple workout.
ALTER TABLE activity DROP CONSTRAINT activity_source_check;
ALTER TABLE activity ADD CONSTRAINT activity_source_check CHECK (source IN ('FILE', 'MANUAL', 'GARMIN', 'APPLE'));
-- The vendor's own id of the workout (Garmin summaryId) and the device it names, when the vendor says.
ALTER TABLE activity ADD COLUMN vendor_id text;
ALTER TABLE activity ADD COLUMN device text;
ALTER TABLE activity_duplicate ADD COLUMN vendor_id text;
