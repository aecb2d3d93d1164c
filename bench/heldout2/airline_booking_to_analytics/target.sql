CREATE TABLE "dim_airport" (
  "airport_key" INTEGER PRIMARY KEY,
  "iata_code" TEXT NOT NULL,
  "airport_nm" TEXT,
  "city_nm" TEXT,
  "country_cd" TEXT,
  "latitude" REAL,
  "longitude" REAL,
  "tz_name" TEXT
);
CREATE TABLE "dim_aircraft" (
  "aircraft_key" INTEGER PRIMARY KEY,
  "aircraft_type_code" TEXT NOT NULL,
  "aircraft_model" TEXT,
  "max_range_km" INTEGER,
  "seat_capacity" INTEGER
);
CREATE TABLE "dim_passenger" (
  "passenger_key" INTEGER PRIMARY KEY,
  "document_number" TEXT NOT NULL,
  "full_name" TEXT,
  "contact_json" TEXT
);
CREATE TABLE "fact_booking" (
  "booking_key" INTEGER PRIMARY KEY,
  "pnr_locator" TEXT NOT NULL,
  "booked_at" TIMESTAMP,
  "total_booking_amt" REAL,
  "ticket_count" INTEGER
);
CREATE TABLE "fact_flight_segment" (
  "segment_key" INTEGER PRIMARY KEY,
  "booking_key" INTEGER REFERENCES "fact_booking"("booking_key"),
  "passenger_key" INTEGER REFERENCES "dim_passenger"("passenger_key"),
  "ticket_number" TEXT NOT NULL,
  "flight_id" INTEGER NOT NULL,
  "flight_number" TEXT,
  "booking_ts" TIMESTAMP,
  "origin_airport_code" TEXT,
  "destination_airport_code" TEXT,
  "aircraft_type_code" TEXT,
  "sched_dep_utc" TIMESTAMP,
  "sched_arr_utc" TIMESTAMP,
  "actual_dep_utc" TIMESTAMP,
  "actual_arr_utc" TIMESTAMP,
  "flight_status" TEXT,
  "cabin_class" TEXT,
  "fare_amt" REAL,
  "seat_number" TEXT,
  "boarding_seq" INTEGER,
  "delay_minutes" INTEGER
);
