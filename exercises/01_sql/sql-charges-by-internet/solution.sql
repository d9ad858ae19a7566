SELECT InternetService, COUNT(*) AS customers, ROUND(AVG(MonthlyCharges), 2) AS avg_monthly FROM telco GROUP BY InternetService;
