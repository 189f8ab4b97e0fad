//! The pseudo-random numbers the tests that build inputs at random draw
//! from: a linear congruential generator (Knuth's MMIX constants), so that
//! every run builds the same inputs and a failure names one that repeats.

/// The generator's state; start it from any seed.
pub(crate) struct TestRandom(pub u64);

impl TestRandom {
    /// Moves the state on one step and returns it.
    pub fn step(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0
    }

    /// A number below `bound` (not zero), from the state's high bits.
    pub fn below(&mut self, bound: u64) -> u64 {
        (self.step() >> 33) % bound
    }

    /// One of `pieces`, not empty.
    pub fn pick<'a>(&mut self, pieces: &[&'a str]) -> &'a str {
        pieces[self.below(pieces.len() as u64) as usize]
    }

    /// One to `most` of `pieces`, picked in turn and joined by spaces.
    pub fn words(&mut self, pieces: &[&str], most: u64) -> String {
        let count = self.below(most) + 1;
        let words: Vec<&str> = (0..count).map(|_| self.pick(pieces)).collect();
        words.join(" ")
    }
}
