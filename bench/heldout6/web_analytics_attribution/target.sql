-- Marketing attribution model (PascalCase).

CREATE TABLE "DimVisitor" (
    "VisitorKey"           INTEGER PRIMARY KEY,
    "VisitorId"            VARCHAR(64) NOT NULL,
    "LoginUserId"          VARCHAR(64),
    "CrmContactId"         VARCHAR(32),
    "FirstSeenAt"          TIMESTAMP,
    "AcquisitionSource"    VARCHAR(100),
    "AcquisitionMedium"    VARCHAR(100),
    "AcquisitionCampaign"  VARCHAR(150),
    "Country"              VARCHAR(60),
    "Region"               VARCHAR(80),
    "City"                 VARCHAR(80),
    "IsKnownCustomer"      BOOLEAN,
    "LoadedAt"             TIMESTAMP NOT NULL
);

CREATE TABLE "DimCampaign" (
    "CampaignKey"       INTEGER PRIMARY KEY,
    "SourceCampaignId"  INTEGER,
    "CampaignCode"      VARCHAR(150) NOT NULL,
    "CampaignName"      VARCHAR(200),
    "ChannelGroup"      VARCHAR(40),
    "AdPlatform"        VARCHAR(40),
    "StartDate"         DATE,
    "EndDate"           DATE,
    "BudgetAmount"      DECIMAL(12,2),
    "CampaignOwner"     VARCHAR(120),
    "LoadedAt"          TIMESTAMP NOT NULL
);

CREATE TABLE "DimTrafficSource" (
    "TrafficSourceKey"  INTEGER PRIMARY KEY,
    "Source"            VARCHAR(100),
    "Medium"            VARCHAR(100),
    "Keyword"           VARCHAR(200),
    "AdContent"         VARCHAR(200),
    "ReferrerDomain"    VARCHAR(200),
    "LoadedAt"          TIMESTAMP NOT NULL
);

CREATE TABLE "FactSession" (
    "SessionKey"        INTEGER PRIMARY KEY,
    "VisitorKey"        INTEGER NOT NULL,
    "CampaignKey"       INTEGER,
    "TrafficSourceKey"  INTEGER,
    "SessionDateKey"    INTEGER NOT NULL,
    "SessionId"         VARCHAR(40) NOT NULL,
    "SessionStartAt"    TIMESTAMP,
    "SessionEndAt"      TIMESTAMP,
    "SessionSequence"   INTEGER,
    "LandingPage"       VARCHAR(500),
    "ExitPage"          VARCHAR(500),
    "DeviceCategory"    VARCHAR(20),
    "Browser"           VARCHAR(40),
    "OperatingSystem"   VARCHAR(40),
    "Country"           VARCHAR(60),
    "IsEngaged"         BOOLEAN,
    "PageviewCount"     INTEGER,
    "DurationSeconds"   INTEGER,
    "EventCount"        INTEGER,
    "IsBounce"          BOOLEAN,
    "GoogleClickId"     VARCHAR(120),
    "FacebookClickId"   VARCHAR(120),
    "LoadedAt"          TIMESTAMP NOT NULL,
    FOREIGN KEY ("VisitorKey") REFERENCES "DimVisitor" ("VisitorKey"),
    FOREIGN KEY ("CampaignKey") REFERENCES "DimCampaign" ("CampaignKey"),
    FOREIGN KEY ("TrafficSourceKey") REFERENCES "DimTrafficSource" ("TrafficSourceKey")
);

CREATE TABLE "FactInteraction" (
    "InteractionKey"       INTEGER PRIMARY KEY,
    "SessionKey"           INTEGER NOT NULL,
    "InteractionType"      VARCHAR(10) NOT NULL,
    "SourceInteractionId"  INTEGER NOT NULL,
    "InteractionAt"        TIMESTAMP NOT NULL,
    "PagePath"             VARCHAR(500),
    "PageTitle"            VARCHAR(300),
    "TimeOnPageSeconds"    DECIMAL(10,3),
    "EventName"            VARCHAR(80),
    "EventCategory"        VARCHAR(80),
    "EventAction"          VARCHAR(80),
    "EventLabel"           VARCHAR(200),
    "EventValue"           DECIMAL(12,2),
    "LoadedAt"             TIMESTAMP NOT NULL,
    FOREIGN KEY ("SessionKey") REFERENCES "FactSession" ("SessionKey")
);

CREATE TABLE "FactConversion" (
    "ConversionKey"      INTEGER PRIMARY KEY,
    "VisitorKey"         INTEGER NOT NULL,
    "SessionKey"         INTEGER NOT NULL,
    "CampaignKey"        INTEGER,
    "ConversionDateKey"  INTEGER NOT NULL,
    "ConversionId"       INTEGER NOT NULL,
    "OrderNumber"        VARCHAR(40),
    "ConversionAt"       TIMESTAMP,
    "ConversionType"     VARCHAR(20),
    "Revenue"            DECIMAL(12,2),
    "CurrencyCode"       CHAR(3),
    "TaxAmount"          DECIMAL(12,2),
    "ShippingAmount"     DECIMAL(12,2),
    "NetRevenue"         DECIMAL(12,2),
    "RevenueUsd"         DECIMAL(12,2),
    "CouponCode"         VARCHAR(40),
    "LoadedAt"           TIMESTAMP NOT NULL,
    FOREIGN KEY ("VisitorKey") REFERENCES "DimVisitor" ("VisitorKey"),
    FOREIGN KEY ("SessionKey") REFERENCES "FactSession" ("SessionKey"),
    FOREIGN KEY ("CampaignKey") REFERENCES "DimCampaign" ("CampaignKey")
);

CREATE TABLE "FactAttributedConversion" (
    "AttributionKey"      INTEGER PRIMARY KEY,
    "ConversionKey"       INTEGER NOT NULL,
    "SessionKey"          INTEGER NOT NULL,
    "CampaignKey"         INTEGER,
    "AttributionModel"    VARCHAR(20) NOT NULL,
    "TouchpointPosition"  INTEGER,
    "AttributionWeight"   DECIMAL(7,6),
    "AttributedRevenue"   DECIMAL(12,2),
    "LoadedAt"            TIMESTAMP NOT NULL,
    FOREIGN KEY ("ConversionKey") REFERENCES "FactConversion" ("ConversionKey"),
    FOREIGN KEY ("SessionKey") REFERENCES "FactSession" ("SessionKey"),
    FOREIGN KEY ("CampaignKey") REFERENCES "DimCampaign" ("CampaignKey")
);

CREATE TABLE "FactAdSpend" (
    "AdSpendKey"        INTEGER PRIMARY KEY,
    "CampaignKey"       INTEGER NOT NULL,
    "SpendDateKey"      INTEGER NOT NULL,
    "SpendDate"         DATE NOT NULL,
    "Platform"          VARCHAR(40),
    "Impressions"       INTEGER,
    "Clicks"            INTEGER,
    "Cost"              DECIMAL(12,2),
    "CurrencyCode"      CHAR(3),
    "CostPerClick"      DECIMAL(12,4),
    "ClickThroughRate"  DECIMAL(7,6),
    "LoadedAt"          TIMESTAMP NOT NULL,
    FOREIGN KEY ("CampaignKey") REFERENCES "DimCampaign" ("CampaignKey")
);
