CREATE TABLE "branches" (
  "branchcode" TEXT PRIMARY KEY,
  "branchname" TEXT NOT NULL,
  "branchaddress1" TEXT,
  "branchcity" TEXT,
  "branchzip" TEXT,
  "branchphone" TEXT,
  "branchemail" TEXT,
  "branchnotes" TEXT
);
CREATE TABLE "categories" (
  "categorycode" TEXT PRIMARY KEY,
  "description" TEXT,
  "enrolmentperiod" INTEGER,
  "category_type" TEXT,
  "upperagelimit" INTEGER
);
CREATE TABLE "borrowers" (
  "borrowernumber" INTEGER PRIMARY KEY,
  "cardnumber" TEXT UNIQUE,
  "surname" TEXT NOT NULL,
  "firstname" TEXT,
  "title" TEXT,
  "dateofbirth" DATE,
  "email" TEXT,
  "phone" TEXT,
  "address" TEXT,
  "city" TEXT,
  "zipcode" TEXT,
  "branchcode" TEXT REFERENCES "branches"("branchcode"),
  "categorycode" TEXT REFERENCES "categories"("categorycode"),
  "dateenrolled" DATE,
  "dateexpiry" DATE,
  "sex" TEXT,
  "gonenoaddress" INTEGER,
  "debarred" DATE,
  "password" TEXT
);
CREATE TABLE "biblio" (
  "biblionumber" INTEGER PRIMARY KEY,
  "title" TEXT,
  "author" TEXT,
  "copyrightdate" INTEGER,
  "seriestitle" TEXT,
  "notes" TEXT,
  "datecreated" DATE,
  "timestamp" TIMESTAMP
);
CREATE TABLE "biblioitems" (
  "biblioitemnumber" INTEGER PRIMARY KEY,
  "biblionumber" INTEGER NOT NULL REFERENCES "biblio"("biblionumber"),
  "isbn" TEXT,
  "publishercode" TEXT,
  "pages" TEXT,
  "itemtype" TEXT,
  "place" TEXT
);
CREATE TABLE "items" (
  "itemnumber" INTEGER PRIMARY KEY,
  "biblionumber" INTEGER NOT NULL REFERENCES "biblio"("biblionumber"),
  "barcode" TEXT UNIQUE,
  "homebranch" TEXT REFERENCES "branches"("branchcode"),
  "itemcallnumber" TEXT,
  "price" NUMERIC,
  "replacementprice" NUMERIC,
  "dateaccessioned" DATE,
  "itemlost" INTEGER,
  "withdrawn" INTEGER
);
CREATE TABLE "issues" (
  "issue_id" INTEGER PRIMARY KEY,
  "borrowernumber" INTEGER REFERENCES "borrowers"("borrowernumber"),
  "itemnumber" INTEGER REFERENCES "items"("itemnumber"),
  "issuedate" DATETIME,
  "date_due" DATETIME,
  "returndate" DATETIME,
  "renewals" INTEGER,
  "branchcode" TEXT REFERENCES "branches"("branchcode"),
  "lastreneweddate" DATETIME
);
