using Afya.Api.Modules.Wearables.Data;

namespace Afya.Api.Modules.Wearables;

// NEWS2 (Royal College of Physicians, 2017), the parameters a wearable measures: SpO2 on scale 1 and on air
// (devices report neither supplemental oxygen nor consciousness, so both count 0).
public static class News2
{
    public static bool Scores(Metric metric) =>
        metric is Metric.HeartRate or Metric.Spo2 or Metric.RespiratoryRate or Metric.Temperature or Metric.BloodPressure;

    // Values are in canonical units; blood pressure is scored on the systolic value.
    public static int Score(Metric metric, double value) => metric switch
    {
        Metric.RespiratoryRate => Round(value) switch { <= 8 => 3, <= 11 => 1, <= 20 => 0, <= 24 => 2, _ => 3 },
        Metric.Spo2 => Round(value) switch { <= 91 => 3, <= 93 => 2, <= 95 => 1, _ => 0 },
        Metric.BloodPressure => Round(value) switch { <= 90 => 3, <= 100 => 2, <= 110 => 1, <= 219 => 0, _ => 3 },
        Metric.HeartRate => Round(value) switch { <= 40 => 3, <= 50 => 1, <= 90 => 0, <= 110 => 1, <= 130 => 2, _ => 3 },
        // The table's bands are to one decimal: 35.0, 35.1-36.0, 36.1-38.0, 38.1-39.0, >= 39.1.
        Metric.Temperature => Math.Round(value, 1, MidpointRounding.AwayFromZero) switch
        {
            <= 35.0 => 3, <= 36.0 => 1, <= 38.0 => 0, <= 39.0 => 1, _ => 2,
        },
        _ => 0,
    };

    // Whole-number parameters are banded on the rounded reading (a watch's 90.4 bpm is 90).
    private static int Round(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);
}
