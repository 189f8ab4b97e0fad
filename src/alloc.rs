//! The allocator: mimalloc for `crosscheck report`, the system's otherwise.
//!
//! Why: `report` makes and frees millions of small strings (ids, origins,
//! reasons) on every thread; with mimalloc the Weather report takes about a
//! quarter less CPU and holds less. `claims` does not gain from it: it held
//! 118 MB on 32 MB of articles with the system allocator and about 150 MB
//! with mimalloc, and came near its 256 MB bound on a gigabyte.
//!
//! How: the choice is made at the first allocation, before any memory is
//! held, from the command's name (the first argument: the command line
//! has no option before it). What the choice itself allocates comes from
//! the system allocator and is freed before the choice is set; from then on
//! every block comes from, and goes back to, the one allocator chosen. A
//! mistaken choice would only cost speed.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU8, Ordering};

use mimalloc::MiMalloc;

#[global_allocator]
static GLOBAL: Allocator = Allocator;

/// No allocation yet.
const UNCHOSEN: u8 = 0;
/// The first allocation is choosing: meanwhile the system allocator serves.
const CHOOSING: u8 = 1;
/// The system allocator serves.
const SYSTEM: u8 = 2;
/// mimalloc serves.
const MIMALLOC: u8 = 3;

static CHOICE: AtomicU8 = AtomicU8::new(UNCHOSEN);

/// The system allocator, or mimalloc when the command is `report`.
struct Allocator;

/// Whether mimalloc serves; chooses at the first call.
fn mimalloc_serves() -> bool {
    match CHOICE.load(Ordering::Acquire) {
        MIMALLOC => true,
        UNCHOSEN => choose(),
        _ => false,
    }
}

/// Chooses the allocator, once (the first allocation comes before `main`,
/// on the one thread there is); a call while choosing is served by the
/// system allocator.
fn choose() -> bool {
    if CHOICE
        .compare_exchange(UNCHOSEN, CHOOSING, Ordering::AcqRel, Ordering::Acquire)
        .is_err()
    {
        return CHOICE.load(Ordering::Acquire) == MIMALLOC;
    }
    // Allocates (the arguments), from the system allocator, and frees it
    // all before the choice is set.
    let report = std::env::args_os()
        .nth(1)
        .is_some_and(|command| command == "report");
    let choice = if report { MIMALLOC } else { SYSTEM };
    CHOICE.store(choice, Ordering::Release);
    report
}

// SAFETY: each block is allocated and freed by one allocator: while the
// choice is being made the system allocator serves and every block it gives
// then is freed before the choice is set; after it, only the one chosen.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if mimalloc_serves() {
            // SAFETY: the caller's contract, passed on.
            unsafe { MiMalloc.alloc(layout) }
        } else {
            // SAFETY: as above.
            unsafe { System.alloc(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if mimalloc_serves() {
            // SAFETY: the caller's contract, passed on.
            unsafe { MiMalloc.alloc_zeroed(layout) }
        } else {
            // SAFETY: as above.
            unsafe { System.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if mimalloc_serves() {
            // SAFETY: `ptr` came from mimalloc, the allocator chosen.
            unsafe { MiMalloc.dealloc(ptr, layout) }
        } else {
            // SAFETY: `ptr` came from the system allocator.
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if mimalloc_serves() {
            // SAFETY: `ptr` came from mimalloc, the allocator chosen.
            unsafe { MiMalloc.realloc(ptr, layout, new_size) }
        } else {
            // SAFETY: `ptr` came from the system allocator.
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The choice is made once, before the tests run, and kept.
    #[test]
    fn the_choice_is_kept() {
        let first = mimalloc_serves();
        let text = "x".repeat(1000);
        assert_eq!(text.len(), 1000);
        assert_eq!(mimalloc_serves(), first);
        assert!(matches!(CHOICE.load(Ordering::Acquire), SYSTEM | MIMALLOC));
    }
}
