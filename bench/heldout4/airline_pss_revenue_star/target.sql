CREATE TABLE "dim_date" (
  "date_key" INTEGER PRIMARY KEY,
  "calendar_date" DATE NOT NULL,
  "calendar_year" INTEGER NOT NULL,
  "calendar_month" INTEGER NOT NULL,
  "day_of_week_name" TEXT,
  "iata_season" TEXT
);

CREATE TABLE "dim_airport" (
  "airport_key" INTEGER PRIMARY KEY,
  "iata_code" CHAR(3) NOT NULL,
  "airport_name" TEXT,
  "city_code" CHAR(3),
  "country_code" CHAR(2),
  "timezone" TEXT,
  "latitude" REAL,
  "longitude" REAL,
  "region_name" TEXT
);

CREATE TABLE "dim_sales_office" (
  "sales_office_key" INTEGER PRIMARY KEY,
  "office_id" TEXT NOT NULL,
  "iata_agency_number" TEXT,
  "office_name" TEXT,
  "office_city_code" CHAR(3),
  "office_country_code" CHAR(2),
  "sales_channel" TEXT,
  "reservation_system" TEXT
);

CREATE TABLE "dim_passenger" (
  "passenger_key" INTEGER PRIMARY KEY,
  "source_passenger_id" INTEGER NOT NULL,
  "last_name" TEXT NOT NULL,
  "first_name" TEXT,
  "salutation" TEXT,
  "passenger_type" TEXT,
  "date_of_birth" DATE,
  "age_band" TEXT,
  "loyalty_program_carrier" CHAR(2),
  "loyalty_member_number" TEXT,
  "loyalty_tier" TEXT,
  "email_address" TEXT,
  "nationality" CHAR(2),
  "effective_from" TIMESTAMP NOT NULL,
  "effective_to" TIMESTAMP,
  "is_current" BOOLEAN NOT NULL
);

CREATE TABLE "dim_booking" (
  "booking_key" INTEGER PRIMARY KEY,
  "record_locator" CHAR(6) NOT NULL,
  "booking_created_date" DATE,
  "booking_status" TEXT,
  "point_of_sale_country" CHAR(2),
  "is_group_booking" BOOLEAN,
  "party_size" INTEGER,
  "corporate_account" TEXT,
  "booking_office_key" INTEGER REFERENCES "dim_sales_office"("sales_office_key")
);

CREATE TABLE "dim_flight" (
  "flight_key" INTEGER PRIMARY KEY,
  "carrier_code" CHAR(2) NOT NULL,
  "flight_number" INTEGER NOT NULL,
  "flight_date" DATE NOT NULL,
  "leg_number" INTEGER NOT NULL,
  "origin_airport_key" INTEGER REFERENCES "dim_airport"("airport_key"),
  "destination_airport_key" INTEGER REFERENCES "dim_airport"("airport_key"),
  "scheduled_departure_utc" TIMESTAMP,
  "scheduled_arrival_utc" TIMESTAMP,
  "tail_number" TEXT,
  "business_capacity" INTEGER,
  "economy_capacity" INTEGER,
  "total_capacity" INTEGER,
  "block_minutes" INTEGER
);

CREATE TABLE "fact_ticket_sale" (
  "ticket_number" CHAR(13) PRIMARY KEY,
  "issue_date_key" INTEGER REFERENCES "dim_date"("date_key"),
  "issued_on" DATE,
  "booking_key" INTEGER REFERENCES "dim_booking"("booking_key"),
  "passenger_key" INTEGER REFERENCES "dim_passenger"("passenger_key"),
  "issuing_office_key" INTEGER REFERENCES "dim_sales_office"("sales_office_key"),
  "validating_carrier" CHAR(2),
  "document_type" TEXT,
  "document_status" TEXT,
  "fare_calculation" TEXT,
  "base_fare_amount" NUMERIC(12,2),
  "base_fare_currency" CHAR(3),
  "fare_in_payment_currency" NUMERIC(12,2),
  "payment_currency" CHAR(3),
  "tax_amount" NUMERIC(12,2),
  "gross_amount" NUMERIC(12,2),
  "commission_amount" NUMERIC(12,2),
  "net_amount" NUMERIC(12,2),
  "payment_method" TEXT,
  "tour_code" TEXT,
  "exchanged_ticket_number" CHAR(13),
  "coupon_count" INTEGER
);

CREATE TABLE "fact_coupon_revenue" (
  "ticket_number" CHAR(13) NOT NULL REFERENCES "fact_ticket_sale"("ticket_number"),
  "coupon_number" INTEGER NOT NULL,
  "passenger_key" INTEGER REFERENCES "dim_passenger"("passenger_key"),
  "booking_key" INTEGER REFERENCES "dim_booking"("booking_key"),
  "flight_key" INTEGER REFERENCES "dim_flight"("flight_key"),
  "origin_airport_key" INTEGER REFERENCES "dim_airport"("airport_key"),
  "destination_airport_key" INTEGER REFERENCES "dim_airport"("airport_key"),
  "flown_date_key" INTEGER REFERENCES "dim_date"("date_key"),
  "flown_date" DATE,
  "marketing_carrier" CHAR(2),
  "marketing_flight_number" INTEGER,
  "booking_class" CHAR(1),
  "cabin" CHAR(1),
  "fare_basis" TEXT,
  "coupon_status" TEXT,
  "prorated_revenue" NUMERIC(12,2),
  "prorated_currency" CHAR(3),
  "prorated_revenue_usd" NUMERIC(12,2),
  PRIMARY KEY ("ticket_number", "coupon_number")
);

CREATE TABLE "fact_segment_booking" (
  "booking_key" INTEGER NOT NULL REFERENCES "dim_booking"("booking_key"),
  "segment_number" INTEGER NOT NULL,
  "flight_key" INTEGER REFERENCES "dim_flight"("flight_key"),
  "origin_airport_key" INTEGER REFERENCES "dim_airport"("airport_key"),
  "destination_airport_key" INTEGER REFERENCES "dim_airport"("airport_key"),
  "departure_date_key" INTEGER REFERENCES "dim_date"("date_key"),
  "booking_office_key" INTEGER REFERENCES "dim_sales_office"("sales_office_key"),
  "marketing_carrier" CHAR(2),
  "marketing_flight_number" INTEGER,
  "operating_carrier" CHAR(2),
  "operating_flight_number" INTEGER,
  "local_departure_date" DATE,
  "local_departure_time" TEXT,
  "booking_class" CHAR(1),
  "cabin" CHAR(1),
  "segment_status" CHAR(2),
  "is_codeshare" BOOLEAN,
  "days_before_departure" INTEGER,
  "snapshot_date" DATE NOT NULL,
  PRIMARY KEY ("booking_key", "segment_number", "snapshot_date")
);
