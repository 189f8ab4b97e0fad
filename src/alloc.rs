//! The allocator: mimalloc, which for `claims` gives freed memory back at
//! once.
//!
//! Why: `report` makes and frees millions of small strings (ids, origins,
//! reasons) on every thread; with mimalloc the Weather report takes about a
//! third less CPU than with the system allocator, and holds less. Its
//! default waits 10 ms before giving freed pages back to the system, which
//! let `claims` on a gigabyte of articles pass 256 MB; given back at once,
//! it stays where the system allocator kept it. `report` keeps the default:
//! there, pages given back at once were soon taken and cleared again (twice
//! the system time on the Weather JSON).

use std::ffi::{c_int, c_long};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` of mimalloc v2's `mimalloc.h`, which
/// libmimalloc-sys names no constant for.
const PURGE_DELAY: c_int = 15;

unsafe extern "C" {
    /// mimalloc's setter of a runtime option (`mimalloc.h`).
    fn mi_option_set(option: c_int, value: c_long);
}

/// Freed memory is given back to the system at once. The option is read
/// whenever memory is freed, so it holds from the call on.
pub fn give_back_at_once() {
    // SAFETY: `mi_option_set` only stores a number in mimalloc's table of
    // options; `PURGE_DELAY` is a valid option of the mimalloc linked in
    // (v2, the `v2` feature) and 0 a valid delay.
    unsafe { mi_option_set(PURGE_DELAY, 0) }
}
