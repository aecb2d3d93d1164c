CREATE TABLE "airports_data" (
  "airport_code" TEXT PRIMARY KEY,
  "airport_name" TEXT NOT NULL,
  "city" TEXT NOT NULL,
  "coordinates" TEXT NOT NULL,
  "timezone" TEXT NOT NULL
);
CREATE TABLE "aircrafts_data" (
  "aircraft_code" TEXT PRIMARY KEY,
  "model" TEXT NOT NULL,
  "range" INTEGER NOT NULL
);
CREATE TABLE "seats" (
  "aircraft_code" TEXT NOT NULL REFERENCES "aircrafts_data"("aircraft_code"),
  "seat_no" TEXT NOT NULL,
  "fare_conditions" TEXT NOT NULL,
  PRIMARY KEY ("aircraft_code", "seat_no")
);
CREATE TABLE "bookings" (
  "book_ref" TEXT PRIMARY KEY,
  "book_date" TIMESTAMP NOT NULL,
  "total_amount" NUMERIC NOT NULL
);
CREATE TABLE "tickets" (
  "ticket_no" TEXT PRIMARY KEY,
  "book_ref" TEXT NOT NULL REFERENCES "bookings"("book_ref"),
  "passenger_id" TEXT NOT NULL,
  "passenger_name" TEXT NOT NULL,
  "contact_data" TEXT
);
CREATE TABLE "flights" (
  "flight_id" INTEGER PRIMARY KEY,
  "flight_no" TEXT NOT NULL,
  "scheduled_departure" TIMESTAMP NOT NULL,
  "scheduled_arrival" TIMESTAMP NOT NULL,
  "departure_airport" TEXT NOT NULL REFERENCES "airports_data"("airport_code"),
  "arrival_airport" TEXT NOT NULL REFERENCES "airports_data"("airport_code"),
  "status" TEXT NOT NULL,
  "aircraft_code" TEXT NOT NULL REFERENCES "aircrafts_data"("aircraft_code"),
  "actual_departure" TIMESTAMP,
  "actual_arrival" TIMESTAMP
);
CREATE TABLE "ticket_flights" (
  "ticket_no" TEXT NOT NULL REFERENCES "tickets"("ticket_no"),
  "flight_id" INTEGER NOT NULL REFERENCES "flights"("flight_id"),
  "fare_conditions" TEXT NOT NULL,
  "amount" NUMERIC NOT NULL,
  PRIMARY KEY ("ticket_no", "flight_id")
);
CREATE TABLE "boarding_passes" (
  "ticket_no" TEXT NOT NULL,
  "flight_id" INTEGER NOT NULL,
  "boarding_no" INTEGER NOT NULL,
  "seat_no" TEXT NOT NULL,
  PRIMARY KEY ("ticket_no", "flight_id"),
  FOREIGN KEY ("ticket_no", "flight_id") REFERENCES "ticket_flights"("ticket_no", "flight_id")
);
