from django.apps import AppConfig


class ForecastConfig(AppConfig):
    name = "sendtrack.forecast"
    label = "forecast"
    verbose_name = "Forecast"

    def ready(self) -> None:
        from sendtrack.casework.forecasts import ForecastReaders, read_forecast_with
        from sendtrack.forecast.selectors import case_forecasts, final_plan_risk, forecast_shown

        read_forecast_with(
            ForecastReaders(
                shown=forecast_shown, with_final_plan_risk=final_plan_risk, of_case=case_forecasts
            )
        )
