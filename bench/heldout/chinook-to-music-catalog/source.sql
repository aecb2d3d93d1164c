CREATE TABLE "Artist" ("ArtistId" INTEGER PRIMARY KEY, "Name" NVARCHAR(120));
CREATE TABLE "Album" ("AlbumId" INTEGER PRIMARY KEY, "Title" NVARCHAR(160), "ArtistId" INTEGER);
CREATE TABLE "Genre" ("GenreId" INTEGER PRIMARY KEY, "Name" NVARCHAR(120));
CREATE TABLE "MediaType" ("MediaTypeId" INTEGER PRIMARY KEY, "Name" NVARCHAR(120));
CREATE TABLE "Track" ("TrackId" INTEGER PRIMARY KEY, "Name" NVARCHAR(200), "AlbumId" INTEGER, "MediaTypeId" INTEGER, "GenreId" INTEGER, "Composer" NVARCHAR(220), "Milliseconds" INTEGER, "Bytes" INTEGER, "UnitPrice" NUMERIC(10,2));
CREATE TABLE "Employee" ("EmployeeId" INTEGER PRIMARY KEY, "LastName" NVARCHAR(20), "FirstName" NVARCHAR(20), "Title" NVARCHAR(30), "ReportsTo" INTEGER, "BirthDate" DATETIME, "HireDate" DATETIME, "Address" NVARCHAR(70), "City" NVARCHAR(40), "State" NVARCHAR(40), "Country" NVARCHAR(40), "PostalCode" NVARCHAR(10), "Phone" NVARCHAR(24), "Fax" NVARCHAR(24), "Email" NVARCHAR(60));
CREATE TABLE "Customer" ("CustomerId" INTEGER PRIMARY KEY, "FirstName" NVARCHAR(40), "LastName" NVARCHAR(20), "Company" NVARCHAR(80), "Address" NVARCHAR(70), "City" NVARCHAR(40), "State" NVARCHAR(40), "Country" NVARCHAR(40), "PostalCode" NVARCHAR(10), "Phone" NVARCHAR(24), "Fax" NVARCHAR(24), "Email" NVARCHAR(60), "SupportRepId" INTEGER);
CREATE TABLE "Invoice" ("InvoiceId" INTEGER PRIMARY KEY, "CustomerId" INTEGER, "InvoiceDate" DATETIME, "BillingAddress" NVARCHAR(70), "BillingCity" NVARCHAR(40), "BillingState" NVARCHAR(40), "BillingCountry" NVARCHAR(40), "BillingPostalCode" NVARCHAR(10), "Total" NUMERIC(10,2));
CREATE TABLE "InvoiceLine" ("InvoiceLineId" INTEGER PRIMARY KEY, "InvoiceId" INTEGER, "TrackId" INTEGER, "UnitPrice" NUMERIC(10,2), "Quantity" INTEGER);
