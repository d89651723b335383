//! Speed measurement of the local model, by the method of llama.cpp's `llama-bench`.
//!
//! Prompt processing ("pp"): N random tokens decoded from an empty KV cache, in batches of
//! the context's `n_batch`. Text generation ("tg"): N single-token decodes from an empty cache,
//! without sampling. Both run once to warm up and then `repetitions` times; each run reports
//! tokens per second. Besides `engine`, this is the only module that calls llama-cpp-2, and it
//! runs on the engine's worker thread.

use std::time::Instant;

use llama_cpp_2::context::LlamaContext;
use llama_cpp_2::llama_batch::LlamaBatch;
use llama_cpp_2::model::LlamaModel;
use llama_cpp_2::token::LlamaToken;

use super::speed::{SpeedReport, SpeedRequest};

/// Runs the warm-up and the measured runs. The KV cache contains random tokens afterwards.
pub(super) fn measure(
    context: &mut LlamaContext,
    model: &LlamaModel,
    threads: i32,
    request: &SpeedRequest,
) -> Result<SpeedReport, String> {
    let needed = request.prompt_tokens.max(request.generated_tokens);
    if needed > context.n_ctx() {
        return Err(format!(
            "{needed} tokens do not fit the context of {} tokens",
            context.n_ctx()
        ));
    }

    let mut tokens = RandomTokens::new(model.n_vocab().max(1) as u32);
    let mut report = SpeedReport {
        prompt_tokens: request.prompt_tokens,
        generated_tokens: request.generated_tokens,
        threads,
        batch_size: context.n_batch(),
        micro_batch_size: context.n_ubatch(),
        prompt_rates: Vec::new(),
        generation_rates: Vec::new(),
    };

    // Warm-up: the first decode allocates buffers and faults in the weights.
    if request.prompt_tokens > 0 {
        process_prompt(context, &mut tokens, request.prompt_tokens)?;
    }
    if request.generated_tokens > 0 {
        generate(context, &mut tokens, 1)?;
    }

    for _ in 0..request.repetitions {
        if request.prompt_tokens > 0 {
            let seconds = process_prompt(context, &mut tokens, request.prompt_tokens)?;
            report.prompt_rates.push(f64::from(request.prompt_tokens) / seconds);
        }
        if request.generated_tokens > 0 {
            let seconds = generate(context, &mut tokens, request.generated_tokens)?;
            report.generation_rates.push(f64::from(request.generated_tokens) / seconds);
        }
    }
    Ok(report)
}

/// Decodes `count` random tokens from an empty cache; returns the seconds taken.
fn process_prompt(context: &mut LlamaContext, tokens: &mut RandomTokens, count: u32) -> Result<f64, String> {
    context.clear_kv_cache();
    let batch_size = context.n_batch().max(1) as usize;
    let prompt: Vec<LlamaToken> = (0..count).map(|_| tokens.next()).collect();
    let mut batch = LlamaBatch::new(batch_size, 1);

    let started = Instant::now();
    for (chunk_index, chunk) in prompt.chunks(batch_size).enumerate() {
        batch.clear();
        let chunk_start = chunk_index * batch_size;
        for (offset, token) in chunk.iter().enumerate() {
            let last = chunk_start + offset + 1 == prompt.len();
            batch
                .add(*token, (chunk_start + offset) as i32, &[0], last)
                .map_err(|error| error.to_string())?;
        }
        context.decode(&mut batch).map_err(|error| error.to_string())?;
    }
    context.synchronize();
    Ok(started.elapsed().as_secs_f64())
}

/// Decodes `count` tokens one at a time from an empty cache; returns the seconds taken.
fn generate(context: &mut LlamaContext, tokens: &mut RandomTokens, count: u32) -> Result<f64, String> {
    context.clear_kv_cache();
    let mut batch = LlamaBatch::new(1, 1);

    let started = Instant::now();
    for position in 0..count {
        batch.clear();
        batch
            .add(tokens.next(), position as i32, &[0], true)
            .map_err(|error| error.to_string())?;
        context.decode(&mut batch).map_err(|error| error.to_string())?;
    }
    context.synchronize();
    Ok(started.elapsed().as_secs_f64())
}

/// Token ids from a fixed-seed xorshift generator: the speed of a decode does not depend on
/// which tokens it sees, and a fixed seed makes runs comparable.
struct RandomTokens {
    state: u64,
    vocabulary: u32,
}

impl RandomTokens {
    fn new(vocabulary: u32) -> RandomTokens {
        RandomTokens {
            state: 0x9E37_79B9_7F4A_7C15,
            vocabulary,
        }
    }

    fn next(&mut self) -> LlamaToken {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        LlamaToken((self.state % u64::from(self.vocabulary)) as i32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_tokens_stay_in_vocabulary() {
        let mut tokens = RandomTokens::new(50);
        let drawn: Vec<i32> = (0..1000).map(|_| tokens.next().0).collect();
        assert!(drawn.iter().all(|id| (0..50).contains(id)));
        assert!(drawn.iter().collect::<std::collections::HashSet<_>>().len() > 40);
    }
}
