CREATE TABLE "artists" ("artist_id" INTEGER PRIMARY KEY, "artist_name" TEXT);
CREATE TABLE "albums" ("album_id" INTEGER PRIMARY KEY, "album_title" TEXT, "artist_id" INTEGER, "release_year" INTEGER);
CREATE TABLE "genres" ("genre_id" INTEGER PRIMARY KEY, "genre_name" TEXT);
CREATE TABLE "media_formats" ("format_id" INTEGER PRIMARY KEY, "format_name" TEXT);
CREATE TABLE "songs" ("song_id" INTEGER PRIMARY KEY, "song_title" TEXT, "album_id" INTEGER, "format_id" INTEGER, "genre_id" INTEGER, "songwriter" TEXT, "duration_ms" INTEGER, "file_size_bytes" INTEGER, "price" REAL, "is_explicit" INTEGER);
CREATE TABLE "staff" ("staff_id" INTEGER PRIMARY KEY, "surname" TEXT, "given_name" TEXT, "job_title" TEXT, "manager_id" INTEGER, "date_of_birth" DATE, "hired_on" DATE, "telephone" TEXT, "email_address" TEXT);
CREATE TABLE "clients" ("client_id" INTEGER PRIMARY KEY, "given_name" TEXT, "surname" TEXT, "organisation" TEXT, "street" TEXT, "town" TEXT, "region" TEXT, "country" TEXT, "postcode" TEXT, "telephone" TEXT, "email_address" TEXT, "account_manager_id" INTEGER, "created_at" TIMESTAMP);
CREATE TABLE "orders" ("order_id" INTEGER PRIMARY KEY, "client_id" INTEGER, "ordered_at" TIMESTAMP, "bill_street" TEXT, "bill_city" TEXT, "bill_state" TEXT, "bill_country" TEXT, "bill_postcode" TEXT, "order_total" REAL, "tax_amount" REAL);
CREATE TABLE "order_lines" ("order_line_id" INTEGER PRIMARY KEY, "order_id" INTEGER, "song_id" INTEGER, "price_each" REAL, "qty" INTEGER);
