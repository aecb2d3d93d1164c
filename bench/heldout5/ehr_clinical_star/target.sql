-- Clinical analytics star schema
CREATE TABLE "dim_provider" (
  "provider_key" INTEGER PRIMARY KEY,
  "ehr_provider_id" INTEGER NOT NULL,
  "npi_number" CHAR(10),
  "provider_last_name" VARCHAR(60),
  "provider_first_name" VARCHAR(60),
  "provider_display_name" VARCHAR(130),
  "provider_type" VARCHAR(10),
  "specialty_code" VARCHAR(10),
  "home_department_name" VARCHAR(80),
  "is_active" BOOLEAN,
  "dw_load_ts" TIMESTAMP
);

CREATE TABLE "dim_patient" (
  "patient_key" INTEGER PRIMARY KEY,
  "ehr_patient_id" INTEGER NOT NULL,
  "medical_record_number" VARCHAR(20) NOT NULL,
  "last_name" VARCHAR(60),
  "first_name" VARCHAR(60),
  "middle_initial" CHAR(1),
  "birth_date" DATE,
  "gender_code" CHAR(1),
  "race_code" VARCHAR(10),
  "ethnicity_code" VARCHAR(10),
  "preferred_language" VARCHAR(10),
  "city" VARCHAR(60),
  "state_code" CHAR(2),
  "postal_code" VARCHAR(10),
  "deceased_date" DATE,
  "pcp_provider_key" INTEGER REFERENCES "dim_provider"("provider_key"),
  "primary_payer_code" VARCHAR(10),
  "primary_plan_name" VARCHAR(80),
  "age_years" INTEGER,
  "effective_from" TIMESTAMP,
  "effective_to" TIMESTAMP,
  "is_current" BOOLEAN,
  "dw_load_ts" TIMESTAMP
);

CREATE TABLE "dim_location" (
  "location_key" INTEGER PRIMARY KEY,
  "ehr_department_id" INTEGER NOT NULL,
  "department_code" VARCHAR(10),
  "department_name" VARCHAR(80),
  "facility_code" VARCHAR(10),
  "service_line" VARCHAR(10),
  "dw_load_ts" TIMESTAMP
);

CREATE TABLE "dim_diagnosis" (
  "diagnosis_key" INTEGER PRIMARY KEY,
  "icd10_code" VARCHAR(10) NOT NULL,
  "diagnosis_description" VARCHAR(255),
  "icd10_chapter" VARCHAR(10),
  "dw_load_ts" TIMESTAMP
);

CREATE TABLE "fact_encounter" (
  "encounter_key" INTEGER PRIMARY KEY,
  "patient_key" INTEGER NOT NULL REFERENCES "dim_patient"("patient_key"),
  "attending_provider_key" INTEGER REFERENCES "dim_provider"("provider_key"),
  "location_key" INTEGER REFERENCES "dim_location"("location_key"),
  "principal_diagnosis_key" INTEGER REFERENCES "dim_diagnosis"("diagnosis_key"),
  "admit_date_key" INTEGER,
  "discharge_date_key" INTEGER,
  "ehr_encounter_id" INTEGER NOT NULL,
  "encounter_number" VARCHAR(20),
  "encounter_type" VARCHAR(10),
  "encounter_status" VARCHAR(10),
  "admit_ts" TIMESTAMP,
  "discharge_ts" TIMESTAMP,
  "admission_source_code" VARCHAR(10),
  "discharge_disposition_code" VARCHAR(10),
  "principal_dx_code" VARCHAR(10),
  "drg_code" VARCHAR(5),
  "length_of_stay_days" INTEGER,
  "diagnosis_count" INTEGER,
  "is_readmission_30d" BOOLEAN,
  "dw_load_ts" TIMESTAMP
);

CREATE TABLE "fact_lab_result" (
  "lab_result_key" INTEGER PRIMARY KEY,
  "encounter_key" INTEGER REFERENCES "fact_encounter"("encounter_key"),
  "patient_key" INTEGER NOT NULL REFERENCES "dim_patient"("patient_key"),
  "ordering_provider_key" INTEGER REFERENCES "dim_provider"("provider_key"),
  "collected_date_key" INTEGER,
  "ehr_result_id" INTEGER NOT NULL,
  "order_code" VARCHAR(20),
  "order_priority" VARCHAR(10),
  "ordered_ts" TIMESTAMP,
  "loinc_code" VARCHAR(10),
  "test_name" VARCHAR(80),
  "result_value_text" VARCHAR(40),
  "result_value_numeric" DECIMAL(12,4),
  "result_unit" VARCHAR(20),
  "reference_low" DECIMAL(12,4),
  "reference_high" DECIMAL(12,4),
  "abnormal_flag" CHAR(2),
  "is_abnormal" BOOLEAN,
  "collected_ts" TIMESTAMP,
  "resulted_ts" TIMESTAMP,
  "turnaround_minutes" INTEGER,
  "dw_load_ts" TIMESTAMP
);

CREATE TABLE "fact_medication_order" (
  "medication_order_key" INTEGER PRIMARY KEY,
  "patient_key" INTEGER NOT NULL REFERENCES "dim_patient"("patient_key"),
  "encounter_key" INTEGER REFERENCES "fact_encounter"("encounter_key"),
  "prescriber_provider_key" INTEGER REFERENCES "dim_provider"("provider_key"),
  "start_date_key" INTEGER,
  "ehr_rx_order_id" INTEGER NOT NULL,
  "ndc_code" VARCHAR(11),
  "medication_name" VARCHAR(120),
  "dose_quantity" DECIMAL(10,3),
  "dose_unit" VARCHAR(20),
  "route_code" VARCHAR(10),
  "frequency_code" VARCHAR(20),
  "start_date" DATE,
  "end_date" DATE,
  "refills_authorized" INTEGER,
  "order_duration_days" INTEGER,
  "dw_load_ts" TIMESTAMP
);
