CREATE TABLE "dim_branch" (
  "branch_key" INTEGER PRIMARY KEY,
  "branch_code" TEXT NOT NULL,
  "branch_name" TEXT,
  "city" TEXT,
  "postal_code" TEXT,
  "phone" TEXT,
  "email" TEXT,
  "region" TEXT
);
CREATE TABLE "dim_patron" (
  "patron_key" INTEGER PRIMARY KEY,
  "patron_id" INTEGER NOT NULL,
  "library_card_no" TEXT,
  "last_name" TEXT,
  "first_name" TEXT,
  "birth_date" DATE,
  "email_address" TEXT,
  "phone_number" TEXT,
  "city" TEXT,
  "postal_code" TEXT,
  "patron_category" TEXT,
  "category_name" TEXT,
  "home_branch_code" TEXT,
  "enrolled_on" DATE,
  "membership_expires_on" DATE,
  "gender" TEXT,
  "age_band" TEXT,
  "loaded_at" TIMESTAMP
);
CREATE TABLE "dim_title" (
  "title_key" INTEGER PRIMARY KEY,
  "bib_id" INTEGER NOT NULL,
  "title" TEXT,
  "primary_author" TEXT,
  "publication_year" INTEGER,
  "isbn" TEXT,
  "publisher" TEXT,
  "page_count" TEXT,
  "material_type" TEXT
);
CREATE TABLE "fact_circulation" (
  "circ_key" INTEGER PRIMARY KEY,
  "source_issue_id" INTEGER,
  "patron_key" INTEGER REFERENCES "dim_patron"("patron_key"),
  "title_key" INTEGER REFERENCES "dim_title"("title_key"),
  "branch_key" INTEGER REFERENCES "dim_branch"("branch_key"),
  "checkout_branch_code" TEXT,
  "item_barcode" TEXT,
  "call_number" TEXT,
  "checkout_ts" TIMESTAMP,
  "due_ts" TIMESTAMP,
  "return_ts" TIMESTAMP,
  "renewal_count" INTEGER,
  "replacement_cost" REAL,
  "days_overdue" INTEGER
);
