SELECT Contract, ROUND(AVG(Churn = 'Yes'), 4) AS churn_rate FROM telco GROUP BY Contract;
