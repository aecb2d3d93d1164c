CREATE TABLE "departments" ("department_id" INTEGER PRIMARY KEY, "department_name" TEXT, "location_id" INTEGER, "manager_id" INTEGER);
CREATE TABLE "locations" ("location_id" INTEGER PRIMARY KEY, "street_address" TEXT, "postal_code" TEXT, "city" TEXT, "state_province" TEXT, "country_code" TEXT);
CREATE TABLE "employees" ("employee_id" INTEGER PRIMARY KEY, "first_name" TEXT, "last_name" TEXT, "email" TEXT, "phone_number" TEXT, "hire_date" DATE, "job_code" TEXT, "salary" REAL, "commission_percent" REAL, "manager_id" INTEGER, "department_id" INTEGER, "birth_date" DATE, "national_id" TEXT, "created_at" TIMESTAMP);
CREATE TABLE "jobs" ("job_code" TEXT PRIMARY KEY, "job_title" TEXT, "minimum_salary" REAL, "maximum_salary" REAL);
CREATE TABLE "job_history" ("employee_id" INTEGER, "start_date" DATE, "end_date" DATE, "job_code" TEXT, "department_id" INTEGER, PRIMARY KEY ("employee_id", "start_date"));
