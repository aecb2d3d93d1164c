-- Library analytics mart (SQL Server style), PascalCase star schema
CREATE TABLE "DimDate" (
    "DateKey"       INTEGER PRIMARY KEY,
    "FullDate"      DATE NOT NULL,
    "DayOfWeekName" NVARCHAR(10),
    "MonthName"     NVARCHAR(10),
    "CalendarYear"  SMALLINT,
    "FiscalYear"    SMALLINT,
    "IsWeekend"     BIT
);

CREATE TABLE "DimBranch" (
    "BranchKey"    INTEGER PRIMARY KEY,
    "BranchCode"   NVARCHAR(10) NOT NULL,
    "BranchName"   NVARCHAR(100),
    "AddressLine1" NVARCHAR(200),
    "City"         NVARCHAR(80),
    "PostalCode"   NVARCHAR(20),
    "Email"        NVARCHAR(200)
);

CREATE TABLE "DimPatron" (
    "PatronKey"          INTEGER PRIMARY KEY,
    "PatronNumber"       INTEGER NOT NULL,
    "CardNumber"         NVARCHAR(32),
    "LastName"           NVARCHAR(100),
    "FirstName"          NVARCHAR(100),
    "BirthDate"          DATE,
    "AgeGroup"           NVARCHAR(20),
    "Gender"             NCHAR(1),
    "City"               NVARCHAR(80),
    "PostalCode"         NVARCHAR(20),
    "Email"              NVARCHAR(200),
    "PhoneNumber"        NVARCHAR(50),
    "PatronCategoryCode" NVARCHAR(10),
    "HomeBranchCode"     NVARCHAR(10),
    "EnrolledDate"       DATE,
    "ExpiryDate"         DATE,
    "IsExpired"          BIT,
    "IsCardLost"         BIT,
    "ValidFrom"          DATETIME2,
    "ValidTo"            DATETIME2,
    "IsCurrent"          BIT
);

CREATE TABLE "DimTitle" (
    "TitleKey"         INTEGER PRIMARY KEY,
    "BibNumber"        INTEGER NOT NULL,
    "Title"            NVARCHAR(500),
    "Subtitle"         NVARCHAR(500),
    "Author"           NVARCHAR(300),
    "CopyrightYear"    SMALLINT,
    "ISBN"             NVARCHAR(30),
    "Publisher"        NVARCHAR(200),
    "PublicationYear"  NVARCHAR(10),
    "Edition"          NVARCHAR(100),
    "PageCount"        NVARCHAR(50),
    "DefaultItemType"  NVARCHAR(10)
);

CREATE TABLE "DimItem" (
    "ItemKey"          INTEGER PRIMARY KEY,
    "TitleKey"         INTEGER NOT NULL REFERENCES "DimTitle" ("TitleKey"),
    "HomeBranchKey"    INTEGER REFERENCES "DimBranch" ("BranchKey"),
    "ItemNumber"       INTEGER NOT NULL,
    "Barcode"          NVARCHAR(20),
    "CallNumber"       NVARCHAR(255),
    "ItemType"         NVARCHAR(10),
    "CollectionCode"   NVARCHAR(80),
    "ShelvingLocation" NVARCHAR(80),
    "AcquiredDate"     DATE,
    "PurchasePrice"    DECIMAL(8,2),
    "ReplacementPrice" DECIMAL(8,2),
    "LostStatus"       TINYINT,
    "DamagedStatus"    TINYINT,
    "IsWithdrawn"      BIT
);

CREATE TABLE "FactCirculation" (
    "CirculationKey"      BIGINT PRIMARY KEY,
    "PatronKey"           INTEGER REFERENCES "DimPatron" ("PatronKey"),
    "ItemKey"             INTEGER REFERENCES "DimItem" ("ItemKey"),
    "TitleKey"            INTEGER REFERENCES "DimTitle" ("TitleKey"),
    "BranchKey"           INTEGER REFERENCES "DimBranch" ("BranchKey"),
    "CheckoutDateKey"     INTEGER REFERENCES "DimDate" ("DateKey"),
    "IssueId"             INTEGER NOT NULL,
    "CheckoutDateTime"    DATETIME2,
    "DueDateTime"         DATETIME2,
    "ReturnDateTime"      DATETIME2,
    "LastRenewedDateTime" DATETIME2,
    "RenewalCount"        SMALLINT,
    "IsOnsiteCheckout"    BIT,
    "LoanDurationDays"    INTEGER,
    "DaysOverdue"         INTEGER,
    "LoadDateTime"        DATETIME2
);

CREATE TABLE "FactHold" (
    "HoldKey"          BIGINT PRIMARY KEY,
    "PatronKey"        INTEGER REFERENCES "DimPatron" ("PatronKey"),
    "TitleKey"         INTEGER REFERENCES "DimTitle" ("TitleKey"),
    "ItemKey"          INTEGER REFERENCES "DimItem" ("ItemKey"),
    "PickupBranchKey"  INTEGER REFERENCES "DimBranch" ("BranchKey"),
    "PlacedDateKey"    INTEGER REFERENCES "DimDate" ("DateKey"),
    "ReserveId"        INTEGER NOT NULL,
    "PlacedDate"       DATE,
    "QueuePriority"    SMALLINT,
    "FoundStatus"      NCHAR(1),
    "WaitingSinceDate" DATE,
    "ExpirationDate"   DATE,
    "CancellationDate" DATE,
    "IsSuspended"      BIT,
    "HoldNotes"        NVARCHAR(4000),
    "DaysWaiting"      INTEGER
);

CREATE TABLE "FactFineTransaction" (
    "FineKey"           BIGINT PRIMARY KEY,
    "PatronKey"         INTEGER REFERENCES "DimPatron" ("PatronKey"),
    "ItemKey"           INTEGER REFERENCES "DimItem" ("ItemKey"),
    "BranchKey"         INTEGER REFERENCES "DimBranch" ("BranchKey"),
    "TransactionDateKey" INTEGER REFERENCES "DimDate" ("DateKey"),
    "AccountLineId"     INTEGER NOT NULL,
    "TransactionDate"   DATETIME2,
    "Amount"            DECIMAL(12,2),
    "AmountOutstanding" DECIMAL(12,2),
    "AmountPaid"        DECIMAL(12,2),
    "DebitType"         NVARCHAR(80),
    "Status"            NVARCHAR(16),
    "Description"       NVARCHAR(4000)
);
