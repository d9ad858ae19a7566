SELECT COUNT(*) AS blank, MAX(tenure) AS max_tenure FROM telco WHERE TotalCharges IS NULL;
