-- Fleet maintenance & utilization mart
CREATE TABLE "dim_vehicle" (
  "vehicle_key" INTEGER PRIMARY KEY,
  "vin" CHAR(17) NOT NULL,
  "license_plate" VARCHAR(15),
  "manufacturer" VARCHAR(40),
  "model_name" VARCHAR(60),
  "model_year" INTEGER,
  "fuel_type" VARCHAR(15),
  "fuel_tank_capacity_liters" DECIMAL(6,1),
  "gross_vehicle_weight_kg" INTEGER,
  "asset_tag" VARCHAR(20),
  "in_service_date" DATE,
  "retirement_date" DATE,
  "home_depot_name" VARCHAR(80),
  "home_depot_city" VARCHAR(60),
  "telematics_imei" CHAR(15),
  "telematics_firmware" VARCHAR(20),
  "vehicle_age_years" INTEGER,
  "is_active" BOOLEAN,
  "valid_from" TIMESTAMP,
  "valid_to" TIMESTAMP,
  "dw_loaded_at" TIMESTAMP
);

CREATE TABLE "dim_driver" (
  "driver_key" INTEGER PRIMARY KEY,
  "employee_badge" VARCHAR(12),
  "driver_name" VARCHAR(120),
  "license_number" VARCHAR(20),
  "license_class" VARCHAR(5),
  "license_expiry_date" DATE,
  "hire_date" DATE,
  "dw_loaded_at" TIMESTAMP
);

CREATE TABLE "dim_fault_code" (
  "fault_code_key" INTEGER PRIMARY KEY,
  "dtc_code" VARCHAR(10),
  "spn" INTEGER,
  "fmi" INTEGER,
  "ecu_source" VARCHAR(20),
  "fault_description" VARCHAR(255),
  "dw_loaded_at" TIMESTAMP
);

CREATE TABLE "fact_trip" (
  "trip_key" INTEGER PRIMARY KEY,
  "vehicle_key" INTEGER NOT NULL REFERENCES "dim_vehicle"("vehicle_key"),
  "driver_key" INTEGER REFERENCES "dim_driver"("driver_key"),
  "start_date_key" INTEGER,
  "telematics_trip_id" VARCHAR(36) NOT NULL,
  "trip_start_ts" TIMESTAMP,
  "trip_end_ts" TIMESTAMP,
  "trip_duration_min" DECIMAL(8,1),
  "distance_km" DECIMAL(8,2),
  "odometer_start_km" DECIMAL(10,1),
  "odometer_end_km" DECIMAL(10,1),
  "fuel_consumed_liters" DECIMAL(8,2),
  "fuel_economy_l_per_100km" DECIMAL(6,2),
  "max_speed_kmh" DECIMAL(5,1),
  "idle_time_sec" INTEGER,
  "idle_pct" DECIMAL(5,2),
  "harsh_braking_events" INTEGER,
  "harsh_acceleration_events" INTEGER,
  "origin_lat" DECIMAL(9,6),
  "origin_lon" DECIMAL(9,6),
  "destination_lat" DECIMAL(9,6),
  "destination_lon" DECIMAL(9,6),
  "dw_loaded_at" TIMESTAMP
);

CREATE TABLE "fact_fault_event" (
  "fault_event_key" INTEGER PRIMARY KEY,
  "vehicle_key" INTEGER NOT NULL REFERENCES "dim_vehicle"("vehicle_key"),
  "fault_code_key" INTEGER NOT NULL REFERENCES "dim_fault_code"("fault_code_key"),
  "detected_date_key" INTEGER,
  "device_fault_id" VARCHAR(36) NOT NULL,
  "detected_ts" TIMESTAMP,
  "cleared_ts" TIMESTAMP,
  "severity" VARCHAR(10),
  "mil_status" BOOLEAN,
  "occurrence_count" INTEGER,
  "odometer_at_fault_km" DECIMAL(10,1),
  "engine_hours_at_fault" DECIMAL(9,1),
  "hours_to_clear" DECIMAL(8,2),
  "dw_loaded_at" TIMESTAMP
);

CREATE TABLE "fact_engine_reading" (
  "engine_reading_key" INTEGER PRIMARY KEY,
  "vehicle_key" INTEGER NOT NULL REFERENCES "dim_vehicle"("vehicle_key"),
  "reading_ts" TIMESTAMP NOT NULL,
  "engine_rpm" INTEGER,
  "coolant_temp_c" DECIMAL(5,1),
  "oil_pressure_kpa" DECIMAL(6,1),
  "battery_voltage" DECIMAL(4,2),
  "odometer_km" DECIMAL(10,1),
  "latitude" DECIMAL(9,6),
  "longitude" DECIMAL(9,6),
  "exceedance_type" VARCHAR(20),
  "dw_loaded_at" TIMESTAMP
);

CREATE TABLE "fact_maintenance_work_order" (
  "work_order_key" INTEGER PRIMARY KEY,
  "vehicle_key" INTEGER NOT NULL REFERENCES "dim_vehicle"("vehicle_key"),
  "triggering_fault_event_key" INTEGER REFERENCES "fact_fault_event"("fault_event_key"),
  "opened_date_key" INTEGER,
  "work_order_number" VARCHAR(20) NOT NULL,
  "opened_ts" TIMESTAMP,
  "completed_ts" TIMESTAMP,
  "service_category" VARCHAR(30),
  "work_description" VARCHAR(500),
  "odometer_at_service_km" DECIMAL(10,1),
  "service_vendor" VARCHAR(80),
  "labor_hours" DECIMAL(6,2),
  "parts_cost" DECIMAL(10,2),
  "labor_cost" DECIMAL(10,2),
  "total_cost" DECIMAL(12,2),
  "total_cost_eur" DECIMAL(12,2),
  "currency_code" CHAR(3),
  "downtime_hours" DECIMAL(8,2),
  "km_since_last_service" DECIMAL(10,1),
  "dw_loaded_at" TIMESTAMP
);

CREATE TABLE "fact_vehicle_utilization_daily" (
  "utilization_key" INTEGER PRIMARY KEY,
  "vehicle_key" INTEGER NOT NULL REFERENCES "dim_vehicle"("vehicle_key"),
  "date_key" INTEGER NOT NULL,
  "trip_count" INTEGER,
  "distance_km" DECIMAL(10,2),
  "engine_hours" DECIMAL(6,2),
  "idle_hours" DECIMAL(6,2),
  "utilization_pct" DECIMAL(5,2),
  "snapshot_date" DATE,
  "dw_loaded_at" TIMESTAMP
);
