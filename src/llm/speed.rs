//! What `nano model uji` measures and reports: the request, the tokens per second of each run,
//! and their mean and deviation. The measurement itself, which calls llama-cpp-2, is in `bench`.

/// What to measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpeedRequest {
    /// Prompt tokens per prompt-processing run; 0 skips that test.
    pub prompt_tokens: u32,
    /// Tokens per generation run; 0 skips that test.
    pub generated_tokens: u32,
    /// Measured runs of each test, after one warm-up run.
    pub repetitions: u32,
}

/// Tokens per second of each measured run, with the settings they ran under.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SpeedReport {
    pub prompt_tokens: u32,
    pub generated_tokens: u32,
    pub threads: i32,
    pub batch_size: u32,
    pub micro_batch_size: u32,
    /// Prompt processing, tokens per second, one value per run.
    pub prompt_rates: Vec<f64>,
    /// Generation, tokens per second, one value per run.
    pub generation_rates: Vec<f64>,
}

/// Mean and sample standard deviation of `values` (0 for fewer than two).
pub fn mean_and_deviation(values: &[f64]) -> (f64, f64) {
    if values.is_empty() {
        return (0.0, 0.0);
    }
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    if values.len() < 2 {
        return (mean, 0.0);
    }
    let variance = values.iter().map(|value| (value - mean).powi(2)).sum::<f64>() / (values.len() - 1) as f64;
    (mean, variance.sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_and_deviation_of_runs() {
        assert_eq!(mean_and_deviation(&[]), (0.0, 0.0));
        assert_eq!(mean_and_deviation(&[4.0]), (4.0, 0.0));
        let (mean, deviation) = mean_and_deviation(&[2.0, 4.0, 6.0]);
        assert_eq!(mean, 4.0);
        assert!((deviation - 2.0).abs() < 1e-12, "{deviation}");
    }
}
