SELECT PaymentMethod, ROUND(AVG(Churn = 'Yes'), 4) AS churn_rate FROM telco GROUP BY PaymentMethod ORDER BY churn_rate DESC;
