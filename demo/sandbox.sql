-- A staging CRM sandbox: analysts test campaigns on customer profiles. It is not production,
-- so the shop's personal data must arrive masked (pipelines/policies/pii_masking.rego).
CREATE TABLE customer_profile (
    customer_id   INTEGER      PRIMARY KEY,
    full_name     VARCHAR(130) NOT NULL,
    email         VARCHAR(255) NOT NULL,
    phone         VARCHAR(32),
    city          VARCHAR(80),
    postal_code   VARCHAR(10),
    birth_date    DATE,
    created_at    TIMESTAMP    NOT NULL
);
