CREATE TABLE "hub_warehouse" (
  "hk_warehouse" CHAR(32) PRIMARY KEY,
  "warehouse_code" VARCHAR(8) NOT NULL,
  "load_dts" TIMESTAMP NOT NULL,
  "record_source" VARCHAR(50) NOT NULL
);

CREATE TABLE "sat_warehouse_details" (
  "hk_warehouse" CHAR(32) NOT NULL REFERENCES "hub_warehouse"("hk_warehouse"),
  "load_dts" TIMESTAMP NOT NULL,
  "hash_diff" CHAR(32) NOT NULL,
  "warehouse_name" VARCHAR(100),
  "address_line_1" VARCHAR(100),
  "address_line_2" VARCHAR(100),
  "city" VARCHAR(60),
  "postal_code" VARCHAR(12),
  "country_code" CHAR(2),
  "time_zone" VARCHAR(40),
  "floor_area_sqm" INTEGER,
  "loading_dock_count" INTEGER,
  "bonded_flag" BOOLEAN,
  PRIMARY KEY ("hk_warehouse", "load_dts")
);

CREATE TABLE "hub_carrier" (
  "hk_carrier" CHAR(32) PRIMARY KEY,
  "carrier_scac" CHAR(4) NOT NULL,
  "load_dts" TIMESTAMP NOT NULL,
  "record_source" VARCHAR(50) NOT NULL
);

CREATE TABLE "sat_carrier_details" (
  "hk_carrier" CHAR(32) NOT NULL REFERENCES "hub_carrier"("hk_carrier"),
  "load_dts" TIMESTAMP NOT NULL,
  "hash_diff" CHAR(32) NOT NULL,
  "carrier_name" VARCHAR(100),
  "transport_mode" VARCHAR(10),
  "shipper_account_number" VARCHAR(30),
  "active_flag" BOOLEAN,
  "contact_email" VARCHAR(200),
  PRIMARY KEY ("hk_carrier", "load_dts")
);

CREATE TABLE "hub_shipment" (
  "hk_shipment" CHAR(32) PRIMARY KEY,
  "shipment_number" VARCHAR(20) NOT NULL,
  "load_dts" TIMESTAMP NOT NULL,
  "record_source" VARCHAR(50) NOT NULL
);

CREATE TABLE "sat_shipment_header" (
  "hk_shipment" CHAR(32) NOT NULL REFERENCES "hub_shipment"("hk_shipment"),
  "load_dts" TIMESTAMP NOT NULL,
  "hash_diff" CHAR(32) NOT NULL,
  "customer_order_reference" VARCHAR(40),
  "client_account" VARCHAR(20),
  "service_level_code" VARCHAR(10),
  "promised_delivery_date" DATE,
  "incoterm" CHAR(3),
  "declared_value" NUMERIC(12,2),
  "declared_value_currency" CHAR(3),
  "gross_weight_kg" NUMERIC(9,3),
  "consignee_name" VARCHAR(100),
  "consignee_company" VARCHAR(100),
  "consignee_address_line_1" VARCHAR(100),
  "consignee_address_line_2" VARCHAR(100),
  "consignee_city" VARCHAR(60),
  "consignee_postcode" VARCHAR(12),
  "consignee_country" CHAR(2),
  "consignee_phone" VARCHAR(30),
  PRIMARY KEY ("hk_shipment", "load_dts")
);

CREATE TABLE "sat_shipment_status" (
  "hk_shipment" CHAR(32) NOT NULL REFERENCES "hub_shipment"("hk_shipment"),
  "load_dts" TIMESTAMP NOT NULL,
  "hash_diff" CHAR(32) NOT NULL,
  "shipment_status_code" VARCHAR(4),
  "shipped_at" TIMESTAMP,
  "delivered_at" TIMESTAMP,
  PRIMARY KEY ("hk_shipment", "load_dts")
);

CREATE TABLE "hub_parcel" (
  "hk_parcel" CHAR(32) PRIMARY KEY,
  "tracking_number" VARCHAR(40) NOT NULL,
  "load_dts" TIMESTAMP NOT NULL,
  "record_source" VARCHAR(50) NOT NULL
);

CREATE TABLE "sat_parcel_details" (
  "hk_parcel" CHAR(32) NOT NULL REFERENCES "hub_parcel"("hk_parcel"),
  "load_dts" TIMESTAMP NOT NULL,
  "hash_diff" CHAR(32) NOT NULL,
  "parcel_sequence" INTEGER,
  "package_type" VARCHAR(10),
  "weight_kg" NUMERIC(9,3),
  "length_cm" NUMERIC(7,1),
  "width_cm" NUMERIC(7,1),
  "height_cm" NUMERIC(7,1),
  "volumetric_weight_kg" NUMERIC(9,3),
  "label_printed_at" TIMESTAMP,
  PRIMARY KEY ("hk_parcel", "load_dts")
);

CREATE TABLE "sat_parcel_tracking_event" (
  "hk_parcel" CHAR(32) NOT NULL REFERENCES "hub_parcel"("hk_parcel"),
  "load_dts" TIMESTAMP NOT NULL,
  "event_ts" TIMESTAMP NOT NULL,
  "event_code" VARCHAR(6),
  "event_description" VARCHAR(200),
  "location_city" VARCHAR(60),
  "location_postcode" VARCHAR(12),
  "location_country" CHAR(2),
  "signed_by" VARCHAR(100),
  "exception_code" VARCHAR(6),
  PRIMARY KEY ("hk_parcel", "load_dts", "event_ts")
);

CREATE TABLE "lnk_shipment_logistics" (
  "hk_shipment_logistics" CHAR(32) PRIMARY KEY,
  "hk_shipment" CHAR(32) NOT NULL REFERENCES "hub_shipment"("hk_shipment"),
  "hk_warehouse" CHAR(32) NOT NULL REFERENCES "hub_warehouse"("hk_warehouse"),
  "hk_carrier" CHAR(32) REFERENCES "hub_carrier"("hk_carrier"),
  "load_dts" TIMESTAMP NOT NULL,
  "record_source" VARCHAR(50) NOT NULL
);

CREATE TABLE "lnk_shipment_parcel" (
  "hk_shipment_parcel" CHAR(32) PRIMARY KEY,
  "hk_shipment" CHAR(32) NOT NULL REFERENCES "hub_shipment"("hk_shipment"),
  "hk_parcel" CHAR(32) NOT NULL REFERENCES "hub_parcel"("hk_parcel"),
  "load_dts" TIMESTAMP NOT NULL,
  "record_source" VARCHAR(50) NOT NULL
);
