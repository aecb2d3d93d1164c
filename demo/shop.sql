-- Demo source: a small shop's operational database (SQLite).
-- Rebuild demo/shop.db with: python3 demo/build.py
PRAGMA foreign_keys = ON;

CREATE TABLE customers (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  first_name    VARCHAR(60)  NOT NULL,
  last_name     VARCHAR(60)  NOT NULL,
  email         VARCHAR(255) NOT NULL UNIQUE,
  phone         VARCHAR(32),
  street_addr   VARCHAR(200),
  city          VARCHAR(80),
  zip           VARCHAR(10),
  birth_date    DATE,
  created_at    TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE products (
  product_id    INTEGER PRIMARY KEY,
  sku           VARCHAR(32) NOT NULL UNIQUE,
  name          VARCHAR(120) NOT NULL,
  descr         TEXT,
  unit_price    NUMERIC(10,2) NOT NULL CHECK (unit_price >= 0),
  category      VARCHAR(40),
  active        BOOLEAN NOT NULL DEFAULT 1
);

CREATE TABLE orders (
  order_id      INTEGER PRIMARY KEY,
  customer_id   INTEGER NOT NULL REFERENCES customers(id) ON DELETE RESTRICT,
  order_date    DATE NOT NULL,
  status        VARCHAR(16) NOT NULL DEFAULT 'new',
  total_amt     NUMERIC(12,2) NOT NULL
);
CREATE INDEX idx_orders_customer ON orders(customer_id);
CREATE INDEX idx_orders_open ON orders(order_date) WHERE status <> 'shipped';

CREATE TABLE order_items (
  order_id      INTEGER NOT NULL REFERENCES orders(order_id) ON DELETE CASCADE,
  line_no       INTEGER NOT NULL,
  product_id    INTEGER NOT NULL REFERENCES products(product_id),
  qty           INTEGER NOT NULL,
  unit_price    NUMERIC(10,2) NOT NULL,
  discount_pct  REAL,
  PRIMARY KEY (order_id, line_no)
);

CREATE VIEW open_orders AS
  SELECT o.order_id, c.email, o.total_amt FROM orders o JOIN customers c ON c.id = o.customer_id
  WHERE o.status <> 'shipped';

INSERT INTO customers (id, first_name, last_name, email, phone, street_addr, city, zip, birth_date, created_at) VALUES
  (1, 'Ada', 'Lovelace', 'ada@example.com', '+44 20 7946 0018', '12 St James''s Square', 'London', 'SW1Y 4JH', '1815-12-10', '2024-01-05 09:12:00'),
  (2, 'Grace', 'Hopper', 'grace@example.com', '+1 212 555 0142', '1 Navy Yard', 'New York', '10001', '1906-12-09', '2024-02-11 14:30:00'),
  (3, 'Alan', 'Turing', 'alan@example.com', NULL, 'Bletchley Park', 'Milton Keynes', 'MK3 6EB', '1912-06-23', '2024-03-02 08:00:00'),
  (4, 'Katherine', 'Johnson', 'kj@example.com', '+1 757 555 0199', '24 Langley Blvd', 'Hampton', '23666', NULL, '2024-03-15 17:45:00');

INSERT INTO products (product_id, sku, name, descr, unit_price, category, active) VALUES
  (10, 'KB-001', 'Mechanical keyboard', 'Tenkeyless, brown switches', 89.90, 'peripherals', 1),
  (11, 'MS-002', 'Wireless mouse', NULL, 24.50, 'peripherals', 1),
  (12, 'MN-27Q', '27" monitor', '2560x1440, "IPS"; matte', 279.00, 'displays', 1),
  (13, 'CB-USB', 'USB-C cable', '1 m', 9.99, 'accessories', 0);

INSERT INTO orders (order_id, customer_id, order_date, status, total_amt) VALUES
  (100, 1, '2024-04-01', 'shipped', 114.40),
  (101, 2, '2024-04-03', 'new', 279.00),
  (102, 1, '2024-04-07', 'paid', 19.98);

INSERT INTO order_items (order_id, line_no, product_id, qty, unit_price, discount_pct) VALUES
  (100, 1, 10, 1, 89.90, NULL),
  (100, 2, 11, 1, 24.50, 0.0),
  (101, 1, 12, 1, 279.00, NULL),
  (102, 1, 13, 2, 9.99, 0.0);
