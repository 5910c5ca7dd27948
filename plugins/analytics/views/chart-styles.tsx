/** The charts' stylesheet (colours, sizes, the dashboard grid); pages that show charts include it. */
export const ChartStyles = () => <link rel="stylesheet" href="/static/charts.css" />;
