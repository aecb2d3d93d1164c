-- Fleet telematics platform (JSON payloads flattened to columns)
CREATE TABLE "depots" (
  "depot_id" VARCHAR(16) PRIMARY KEY,
  "depot_name" VARCHAR(80) NOT NULL,
  "address_city" VARCHAR(60),
  "address_country" CHAR(2),
  "location_lat" DECIMAL(9,6),
  "location_lon" DECIMAL(9,6),
  "timezone" VARCHAR(40)
);

CREATE TABLE "vehicles" (
  "vehicle_id" VARCHAR(36) PRIMARY KEY,
  "vin" CHAR(17) NOT NULL UNIQUE,
  "plate_number" VARCHAR(15),
  "make" VARCHAR(40),
  "model" VARCHAR(60),
  "model_year" INTEGER,
  "fuel_type" VARCHAR(15),
  "tank_capacity_l" DECIMAL(6,1),
  "specs_gvw_kg" INTEGER,
  "specs_axle_count" INTEGER,
  "depot_id" VARCHAR(16) REFERENCES "depots"("depot_id"),
  "asset_tag" VARCHAR(20),
  "odometer_km_at_install" DECIMAL(10,1),
  "in_service_date" DATE,
  "retired_date" DATE,
  "owner_org_id" VARCHAR(36)
);

CREATE TABLE "devices" (
  "device_id" VARCHAR(32) PRIMARY KEY,
  "imei" CHAR(15) NOT NULL UNIQUE,
  "serial_no" VARCHAR(30),
  "firmware_version" VARCHAR(20),
  "hw_model" VARCHAR(30),
  "sim_iccid" VARCHAR(22),
  "vehicle_id" VARCHAR(36) REFERENCES "vehicles"("vehicle_id"),
  "installed_at" TIMESTAMP,
  "status" VARCHAR(12),
  "last_seen_at" TIMESTAMP
);

CREATE TABLE "drivers" (
  "driver_id" VARCHAR(36) PRIMARY KEY,
  "badge_no" VARCHAR(12),
  "full_name" VARCHAR(120),
  "license_no" VARCHAR(20),
  "license_class" VARCHAR(5),
  "license_expiry" DATE,
  "depot_id" VARCHAR(16) REFERENCES "depots"("depot_id"),
  "hired_on" DATE,
  "phone" VARCHAR(20)
);

CREATE TABLE "trips" (
  "trip_id" VARCHAR(36) PRIMARY KEY,
  "device_id" VARCHAR(32) NOT NULL REFERENCES "devices"("device_id"),
  "vehicle_id" VARCHAR(36) REFERENCES "vehicles"("vehicle_id"),
  "driver_id" VARCHAR(36) REFERENCES "drivers"("driver_id"),
  "start_ts" TIMESTAMP NOT NULL,
  "end_ts" TIMESTAMP,
  "start_location_lat" DECIMAL(9,6),
  "start_location_lon" DECIMAL(9,6),
  "end_location_lat" DECIMAL(9,6),
  "end_location_lon" DECIMAL(9,6),
  "start_odometer_km" DECIMAL(10,1),
  "end_odometer_km" DECIMAL(10,1),
  "distance_km" DECIMAL(8,2),
  "fuel_used_l" DECIMAL(8,2),
  "max_speed_kph" DECIMAL(5,1),
  "idle_seconds" INTEGER,
  "harsh_brake_count" INTEGER,
  "harsh_accel_count" INTEGER,
  "trip_status" VARCHAR(12)
);

CREATE TABLE "gps_pings" (
  "ping_id" INTEGER PRIMARY KEY,
  "device_id" VARCHAR(32) NOT NULL REFERENCES "devices"("device_id"),
  "recorded_at" TIMESTAMP NOT NULL,
  "received_at" TIMESTAMP,
  "location_lat" DECIMAL(9,6),
  "location_lon" DECIMAL(9,6),
  "location_alt_m" DECIMAL(7,1),
  "location_heading_deg" DECIMAL(5,1),
  "speed_kph" DECIMAL(5,1),
  "engine_rpm" INTEGER,
  "engine_coolant_temp_c" DECIMAL(5,1),
  "engine_oil_pressure_kpa" DECIMAL(6,1),
  "fuel_level_pct" DECIMAL(5,2),
  "odometer_km" DECIMAL(10,1),
  "ignition_on" BOOLEAN,
  "power_battery_voltage_v" DECIMAL(4,2),
  "gnss_hdop" DECIMAL(4,2),
  "gnss_satellites" INTEGER
);

CREATE TABLE "fault_codes" (
  "fault_id" VARCHAR(36) PRIMARY KEY,
  "device_id" VARCHAR(32) NOT NULL REFERENCES "devices"("device_id"),
  "vehicle_id" VARCHAR(36) REFERENCES "vehicles"("vehicle_id"),
  "detected_at" TIMESTAMP NOT NULL,
  "cleared_at" TIMESTAMP,
  "dtc_code" VARCHAR(10),
  "spn" INTEGER,
  "fmi" INTEGER,
  "source_ecu" VARCHAR(20),
  "occurrence_count" INTEGER,
  "severity" VARCHAR(10),
  "mil_on" BOOLEAN,
  "location_lat" DECIMAL(9,6),
  "location_lon" DECIMAL(9,6),
  "odometer_km" DECIMAL(10,1),
  "engine_hours" DECIMAL(9,1)
);

CREATE TABLE "maintenance_events" (
  "wo_id" VARCHAR(20) PRIMARY KEY,
  "vehicle_id" VARCHAR(36) NOT NULL REFERENCES "vehicles"("vehicle_id"),
  "opened_at" TIMESTAMP NOT NULL,
  "closed_at" TIMESTAMP,
  "service_type" VARCHAR(30),
  "description" VARCHAR(500),
  "odometer_km" DECIMAL(10,1),
  "vendor_name" VARCHAR(80),
  "labor_hours" DECIMAL(6,2),
  "parts_cost" DECIMAL(10,2),
  "labor_cost" DECIMAL(10,2),
  "currency" CHAR(3),
  "triggered_by_fault_id" VARCHAR(36) REFERENCES "fault_codes"("fault_id")
);
