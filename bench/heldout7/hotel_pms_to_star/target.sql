-- Hospitality data warehouse: Kimball star schema, snake_case
CREATE TABLE "dim_date" (
    "date_key"        INTEGER PRIMARY KEY,
    "calendar_date"   DATE NOT NULL,
    "day_of_week"     TEXT,
    "month_number"    INTEGER,
    "calendar_year"   INTEGER,
    "fiscal_period"   TEXT,
    "is_weekend"      BOOLEAN
);

CREATE TABLE "dim_property" (
    "property_key"        INTEGER PRIMARY KEY,
    "property_code"       VARCHAR(20) NOT NULL,
    "property_name"       VARCHAR(100),
    "brand_code"          VARCHAR(20),
    "address_line_1"      VARCHAR(200),
    "city"                VARCHAR(80),
    "state_province"      VARCHAR(80),
    "country_code"        CHAR(2),
    "postal_code"         VARCHAR(20),
    "room_count"          INTEGER,
    "local_currency_code" CHAR(3),
    "dw_load_ts"          TIMESTAMP
);

CREATE TABLE "dim_guest" (
    "guest_key"          INTEGER PRIMARY KEY,
    "guest_profile_id"   BIGINT NOT NULL,
    "profile_type"       VARCHAR(20),
    "name_prefix"        VARCHAR(20),
    "first_name"         VARCHAR(80),
    "last_name"          VARCHAR(80),
    "birth_date"         DATE,
    "age_band"           VARCHAR(20),
    "nationality_code"   CHAR(2),
    "preferred_language" VARCHAR(10),
    "vip_code"           VARCHAR(10),
    "email_address"      VARCHAR(200),
    "phone_number"       VARCHAR(40),
    "loyalty_tier"       VARCHAR(20),
    "row_effective_date" DATE,
    "row_expiry_date"    DATE,
    "is_current_row"     BOOLEAN
);

CREATE TABLE "dim_room_type" (
    "room_type_key"         INTEGER PRIMARY KEY,
    "property_key"          INTEGER NOT NULL REFERENCES "dim_property" ("property_key"),
    "room_type_code"        VARCHAR(20) NOT NULL,
    "room_type_name"        VARCHAR(100),
    "room_type_description" VARCHAR(2000),
    "room_class_code"       VARCHAR(20),
    "max_occupancy"         SMALLINT,
    "inventory_count"       SMALLINT,
    "is_pseudo_room"        BOOLEAN
);

CREATE TABLE "dim_rate_plan" (
    "rate_plan_key"          INTEGER PRIMARY KEY,
    "property_key"           INTEGER NOT NULL REFERENCES "dim_property" ("property_key"),
    "rate_plan_code"         VARCHAR(20) NOT NULL,
    "rate_plan_name"         VARCHAR(200),
    "rate_category_code"     VARCHAR(20),
    "default_market_segment" VARCHAR(20),
    "sell_start_date"        DATE,
    "sell_end_date"          DATE,
    "is_commissionable"      BOOLEAN
);

CREATE TABLE "fact_reservation" (
    "reservation_key"          INTEGER PRIMARY KEY,
    "property_key"             INTEGER NOT NULL REFERENCES "dim_property" ("property_key"),
    "guest_key"                INTEGER REFERENCES "dim_guest" ("guest_key"),
    "room_type_key"            INTEGER REFERENCES "dim_room_type" ("room_type_key"),
    "rate_plan_key"            INTEGER REFERENCES "dim_rate_plan" ("rate_plan_key"),
    "arrival_date_key"         INTEGER REFERENCES "dim_date" ("date_key"),
    "departure_date_key"       INTEGER REFERENCES "dim_date" ("date_key"),
    "booking_date_key"         INTEGER REFERENCES "dim_date" ("date_key"),
    "reservation_id"           BIGINT NOT NULL,
    "confirmation_number"      VARCHAR(30),
    "reservation_status"       VARCHAR(20),
    "arrival_date"             DATE,
    "departure_date"           DATE,
    "actual_check_in_at"       TIMESTAMP,
    "actual_check_out_at"      TIMESTAMP,
    "adult_count"              SMALLINT,
    "child_count"              SMALLINT,
    "assigned_room_number"     VARCHAR(20),
    "market_segment_code"      VARCHAR(20),
    "booking_source_code"      VARCHAR(20),
    "booking_channel_code"     VARCHAR(20),
    "guarantee_type_code"      VARCHAR(20),
    "cancellation_number"      VARCHAR(30),
    "cancelled_on"             DATE,
    "cancellation_reason_code" VARCHAR(20),
    "booked_at"                TIMESTAMP,
    "room_nights"              INTEGER,
    "lead_time_days"           INTEGER,
    "total_room_revenue"       NUMERIC(14,2),
    "dw_batch_id"              BIGINT
);

CREATE TABLE "fact_room_night" (
    "property_key"    INTEGER NOT NULL REFERENCES "dim_property" ("property_key"),
    "reservation_key" INTEGER NOT NULL REFERENCES "fact_reservation" ("reservation_key"),
    "stay_date_key"   INTEGER NOT NULL REFERENCES "dim_date" ("date_key"),
    "room_type_key"   INTEGER REFERENCES "dim_room_type" ("room_type_key"),
    "rate_plan_key"   INTEGER REFERENCES "dim_rate_plan" ("rate_plan_key"),
    "stay_date"       DATE NOT NULL,
    "room_number"     VARCHAR(20),
    "adult_count"     SMALLINT,
    "child_count"     SMALLINT,
    "room_revenue"    NUMERIC(14,2),
    "fnb_revenue"     NUMERIC(14,2),
    "other_revenue"   NUMERIC(14,2),
    "total_revenue"   NUMERIC(14,2),
    "currency_code"   CHAR(3),
    "dw_load_ts"      TIMESTAMP,
    PRIMARY KEY ("reservation_key", "stay_date_key")
);

CREATE TABLE "fact_folio_posting" (
    "folio_posting_key"            INTEGER PRIMARY KEY,
    "property_key"                 INTEGER NOT NULL REFERENCES "dim_property" ("property_key"),
    "reservation_key"              INTEGER REFERENCES "fact_reservation" ("reservation_key"),
    "guest_key"                    INTEGER REFERENCES "dim_guest" ("guest_key"),
    "business_date_key"            INTEGER REFERENCES "dim_date" ("date_key"),
    "transaction_number"           BIGINT NOT NULL,
    "transaction_code"             VARCHAR(20),
    "transaction_code_description" VARCHAR(200),
    "revenue_group"                VARCHAR(20),
    "revenue_subgroup"             VARCHAR(20),
    "is_revenue"                   BOOLEAN,
    "transaction_date"             DATE,
    "business_date"                DATE,
    "quantity"                     INTEGER,
    "gross_amount"                 NUMERIC(14,2),
    "net_amount"                   NUMERIC(14,2),
    "tax_amount"                   NUMERIC(14,2),
    "currency_code"                CHAR(3),
    "folio_window"                 SMALLINT,
    "posting_remark"               VARCHAR(2000),
    "cashier_id"                   INTEGER,
    "dw_load_ts"                   TIMESTAMP
);
