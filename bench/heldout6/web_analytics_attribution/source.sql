-- Web analytics event export (GA-style), landed as flat tables.

CREATE TABLE "ga_users" (
    "ga_user_pseudo_id"      VARCHAR(64) NOT NULL,
    "ga_user_id"             VARCHAR(64),
    "first_seen_ts"          TIMESTAMP,
    "first_utm_source"       VARCHAR(100),
    "first_utm_medium"       VARCHAR(100),
    "first_utm_campaign"     VARCHAR(150),
    "country"                VARCHAR(60),
    "region"                 VARCHAR(80),
    "city"                   VARCHAR(80),
    "device_category_first"  VARCHAR(20),
    "is_known_customer"      BOOLEAN,
    "crm_contact_id"         VARCHAR(32),
    "ltv_revenue"            DECIMAL(12,2),
    PRIMARY KEY ("ga_user_pseudo_id")
);

CREATE TABLE "ga_sessions" (
    "ga_session_id"         VARCHAR(40) NOT NULL,
    "ga_user_pseudo_id"     VARCHAR(64) NOT NULL,
    "session_start_ts"      TIMESTAMP NOT NULL,
    "session_end_ts"        TIMESTAMP,
    "session_number"        INTEGER,
    "landing_page_path"     VARCHAR(500),
    "exit_page_path"        VARCHAR(500),
    "utm_source"            VARCHAR(100),
    "utm_medium"            VARCHAR(100),
    "utm_campaign"          VARCHAR(150),
    "utm_term"              VARCHAR(200),
    "utm_content"           VARCHAR(200),
    "gclid"                 VARCHAR(120),
    "fbclid"                VARCHAR(120),
    "referrer_host"         VARCHAR(200),
    "device_category"       VARCHAR(20),
    "browser_name"          VARCHAR(40),
    "os_name"               VARCHAR(40),
    "geo_country"           VARCHAR(60),
    "is_engaged"            BOOLEAN,
    "pageview_cnt"          INTEGER,
    "session_duration_sec"  INTEGER,
    PRIMARY KEY ("ga_session_id"),
    FOREIGN KEY ("ga_user_pseudo_id") REFERENCES "ga_users" ("ga_user_pseudo_id")
);

CREATE TABLE "ga_pageviews" (
    "pv_id"             INTEGER NOT NULL,
    "ga_session_id"     VARCHAR(40) NOT NULL,
    "pv_ts"             TIMESTAMP NOT NULL,
    "page_path"         VARCHAR(500),
    "page_title"        VARCHAR(300),
    "page_referrer"     VARCHAR(500),
    "time_on_page_ms"   INTEGER,
    "scroll_depth_pct"  INTEGER,
    PRIMARY KEY ("pv_id"),
    FOREIGN KEY ("ga_session_id") REFERENCES "ga_sessions" ("ga_session_id")
);

CREATE TABLE "ga_events" (
    "evt_id"          INTEGER NOT NULL,
    "ga_session_id"   VARCHAR(40) NOT NULL,
    "evt_ts"          TIMESTAMP NOT NULL,
    "evt_name"        VARCHAR(80) NOT NULL,
    "evt_category"    VARCHAR(80),
    "evt_action"      VARCHAR(80),
    "evt_label"       VARCHAR(200),
    "evt_value"       DECIMAL(12,2),
    "page_path"       VARCHAR(500),
    PRIMARY KEY ("evt_id"),
    FOREIGN KEY ("ga_session_id") REFERENCES "ga_sessions" ("ga_session_id")
);

CREATE TABLE "ga_conversions" (
    "conv_id"        INTEGER NOT NULL,
    "ga_session_id"  VARCHAR(40) NOT NULL,
    "conv_ts"        TIMESTAMP NOT NULL,
    "conv_type"      VARCHAR(20),
    "order_id"       VARCHAR(40),
    "revenue_amt"    DECIMAL(12,2),
    "currency_cd"    CHAR(3),
    "tax_amt"        DECIMAL(12,2),
    "shipping_amt"   DECIMAL(12,2),
    "coupon_cd"      VARCHAR(40),
    PRIMARY KEY ("conv_id"),
    FOREIGN KEY ("ga_session_id") REFERENCES "ga_sessions" ("ga_session_id")
);

CREATE TABLE "campaigns" (
    "campaign_id"    INTEGER NOT NULL,
    "utm_campaign"   VARCHAR(150) NOT NULL UNIQUE,
    "campaign_name"  VARCHAR(200),
    "channel_grp"    VARCHAR(40),
    "ad_platform"    VARCHAR(40),
    "start_dt"       DATE,
    "end_dt"         DATE,
    "budget_amt"     DECIMAL(12,2),
    "owner_email"    VARCHAR(120),
    PRIMARY KEY ("campaign_id")
);

CREATE TABLE "ad_spend_daily" (
    "spend_date"   DATE NOT NULL,
    "campaign_id"  INTEGER NOT NULL,
    "ad_platform"  VARCHAR(40) NOT NULL,
    "impressions"  INTEGER,
    "clicks"       INTEGER,
    "cost_amt"     DECIMAL(12,2),
    "currency_cd"  CHAR(3),
    PRIMARY KEY ("spend_date", "campaign_id", "ad_platform"),
    FOREIGN KEY ("campaign_id") REFERENCES "campaigns" ("campaign_id")
);
