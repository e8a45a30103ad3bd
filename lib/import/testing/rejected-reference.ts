// Beyond the shared hard-case fixture (lib/testing/legacy-fixture.ts): a customer the validation
// rejects (a negative ID cannot be an id) and an order that refers to it. The customer is in the
// dump, so the order's mapped row carries its uuid; only the import can see that no such customer
// was written, and must NULL the reference and report it.
export const REJECTED_CUSTOMER = -7
export const ORDER_OF_REJECTED_CUSTOMER = 90

/** Run in the fixture's MariaDB database after loadLegacyFixture. */
export const REJECTED_REFERENCE_SQL = `
INSERT INTO Customers (ID, FitterID, Name) VALUES (${REJECTED_CUSTOMER}, 1, 'Negative id, rejected');
INSERT INTO Orders (ID, CustomerID, FitterID, SaddleID, LeatherID, FactoryID, OrderStatus, OrderTime, ChangeTime, PriceSaddle)
  VALUES (${ORDER_OF_REJECTED_CUSTOMER}, ${REJECTED_CUSTOMER}, 1, 1, 1, 1, 7, 1500000000, 1500000100, 1999.99);`
