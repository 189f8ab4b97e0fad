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
//! mistaken choice would only cost speed. Choosing mimalloc also refuses
//! transparent huge pages (see [`refuse_huge_pages`]).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicI64, AtomicU8, Ordering};

use libmimalloc_sys::{mi_malloc, mi_realloc};
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

/// Whether mimalloc serves; chooses at the first call. Inlined: it is asked
/// at every allocation and every free, tens of millions of times a report.
#[inline(always)]
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
#[cold]
#[inline(never)]
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
    if report {
        refuse_huge_pages();
    }
    CHOICE.store(choice, Ordering::Release);
    report
}

/// Asks the kernel not to back this process's memory with transparent huge
/// pages, as `MIMALLOC_ALLOW_THP=0` would (mimalloc advises them for the
/// whole of its arena).
///
/// Why: a huge page is held whole once one byte of it is touched, and each
/// thread's heap starts its own: 12-23 MB more whatever the run. A one-line
/// report held 28-31 MB with them and 16 MB without; `report many-4MB` 72
/// and 58 MB (0.16 and 0.18 s, medians of 9, alternated); `many-32MB` 158
/// and 144 MB (0.98 and 1.03 s); the Weather table 213 and 190 MB (1.22 and
/// 1.28 s, medians of 11). What they save, a page fault each 2 MB instead
/// of each 4 KB, is about 5% of the largest reports' time; those reports
/// stay within their bounds without them. Allowing them from 16 MiB of
/// input on kept that 5% but took `many-32MB` to 1,042 bytes a claim beyond
/// a report on one document per language, over the bound of 1 KB; allowing
/// them once a table's claims were held saved half of it, for the same
/// memory.
#[cfg(target_os = "linux")]
fn refuse_huge_pages() {
    const PR_SET_THP_DISABLE: std::ffi::c_int = 41;
    const DISABLE: std::ffi::c_ulong = 1;
    const UNUSED: std::ffi::c_ulong = 0;
    // SAFETY: this option reads its four arguments as integers; a kernel
    // that does not know it returns an error, which changes nothing.
    unsafe { prctl(PR_SET_THP_DISABLE, DISABLE, UNUSED, UNUSED, UNUSED) };
}

#[cfg(not(target_os = "linux"))]
fn refuse_huge_pages() {}

#[cfg(target_os = "linux")]
unsafe extern "C" {
    fn prctl(option: std::ffi::c_int, ...) -> std::ffi::c_int;
}

/// Whether a block aligned to `align` can come from plain `mi_malloc`
/// (strings, and most vectors and boxes): mimalloc's blocks are whole
/// words (8 bytes) from a word-aligned start, so every one is aligned to a
/// word. `mi_malloc_aligned`, which `MiMalloc` calls for every block, costs
/// about twice the instructions of `mi_malloc` to find the same block.
#[inline(always)]
fn usual_alignment(align: usize) -> bool {
    align <= MIMALLOC_ALIGNMENT
}

/// Whether memory mimalloc frees goes back to the system at once (`true`)
/// or after mimalloc's delay (`false`, its default); a no-op under the
/// system allocator.
///
/// Why: `report` returns it at once while the extraction batches' claims are
/// joined into one list and grouped (see
/// [`crosscheck::Progress::joining_claims`]). Under the delay (10 ms, and
/// carried out only when the thread next visits that memory) the batches'
/// lists were still held when the joined list was full: `report many-64MB`
/// peaked at 302-319 MB, and at 273-288 MB with this. Extraction keeps the
/// delay: it frees small blocks and takes them again soon, and returning
/// each at once would cost the page faults of taking it again (at once for
/// the whole run: 262 MB on `many-64MB`, but 6-10% more time there and on
/// the Weather table, whose rows are read as extraction reads documents;
/// from the start of extraction, 2-14% more on `many-32MB`).
///
/// From the end of extraction on, while it reconciles and writes, `report`
/// returns it at once again, and keeps doing so (see `main.rs`): each
/// quantity's work is freed on its worker before the next is taken, and
/// under the delay what the largest had taken stayed held to the end.
/// `report many-8MB` peaked at 61-62 MiB, and at 59 with this (medians of 7
/// alternated runs, the same 0.27 s); `many-32MB` at 135 and 123 MiB (1.04
/// and 1.12 s, medians of 5, the ranges overlapping); the Weather table at
/// 191 and 171 MiB (1.36 and 1.37 s).
pub fn return_freed_memory_at_once(at_once: bool) {
    if CHOICE.load(Ordering::Acquire) != MIMALLOC {
        return;
    }
    // SAFETY (both calls): mimalloc reads and sets its options from any
    // thread; an option set while it runs takes effect at its next purge.
    if at_once {
        // The delay in force (mimalloc's, or `MIMALLOC_PURGE_DELAY`'s) is
        // kept to be put back; a second call before that keeps the first's.
        let delay = unsafe { mi_option_get(MI_OPTION_PURGE_DELAY) };
        let _ = PURGE_DELAY_BEFORE.compare_exchange(
            NO_DELAY_KEPT,
            delay as i64,
            Ordering::AcqRel,
            Ordering::Acquire,
        );
        unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    } else {
        let delay = PURGE_DELAY_BEFORE.swap(NO_DELAY_KEPT, Ordering::AcqRel);
        if delay != NO_DELAY_KEPT {
            unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, delay as std::ffi::c_long) };
        }
    }
}

/// The purge delay in force before [`return_freed_memory_at_once`] set it to
/// 0; [`NO_DELAY_KEPT`] when it has not.
static PURGE_DELAY_BEFORE: AtomicI64 = AtomicI64::new(NO_DELAY_KEPT);
const NO_DELAY_KEPT: i64 = i64::MIN;

/// `mi_option_purge_delay` of the `mi_option_t` enum in the mimalloc that
/// `libmimalloc-sys` builds (`c_src/mimalloc/v2/include/mimalloc.h`, 2.3):
/// milliseconds before freed memory is returned, 0 for at once. The crate
/// declares `mi_option_set` only with its `extended` feature, which brings
/// in another crate, and does not name this option.
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

unsafe extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
}

/// The alignment of every block mimalloc gives: a word.
const MIMALLOC_ALIGNMENT: usize = 8;

// SAFETY: each block is allocated and freed by one allocator: while the
// choice is being made the system allocator serves and every block it gives
// then is freed before the choice is set; after it, only the one chosen.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if mimalloc_serves() {
            if usual_alignment(layout.align()) {
                // SAFETY: every mimalloc block is aligned to a word, at least
                // the alignment asked; the size is the caller's.
                return unsafe { mi_malloc(layout.size()).cast() };
            }
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
            if usual_alignment(layout.align()) {
                // SAFETY: `ptr` came from mimalloc, the allocator chosen; the
                // block it gives back is aligned to a word, at least the
                // alignment asked.
                return unsafe { mi_realloc(ptr.cast(), new_size).cast() };
            }
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

    /// Blocks of every size up to a page's, taken, grown and freed through
    /// mimalloc's plain calls, come aligned to a word (the alignment
    /// `usual_alignment` lets them have) and keep their bytes when grown.
    #[test]
    fn plain_mimalloc_blocks_are_word_aligned() {
        for size in (1..=4096).chain([8191, 65_536, 1 << 20]) {
            // SAFETY: the blocks are mimalloc's, used within their sizes and
            // freed once.
            unsafe {
                let block: *mut u8 = mi_malloc(size).cast();
                assert_eq!(block as usize % MIMALLOC_ALIGNMENT, 0, "{size}");
                block.write_bytes(0xab, size);
                let grown: *mut u8 = mi_realloc(block.cast(), size * 2).cast();
                assert_eq!(grown as usize % MIMALLOC_ALIGNMENT, 0, "{size}");
                assert_eq!(*grown.add(size - 1), 0xab);
                libmimalloc_sys::mi_free(grown.cast());
            }
        }
    }

    /// The option set is mimalloc's purge delay, 10 ms by default (as its
    /// header says); it goes to 0 only where mimalloc serves, and back to
    /// what it was.
    #[test]
    fn the_purge_delay_is_set_and_put_back() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        // SAFETY: reading an option, from any thread.
        let delay = || unsafe { mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(delay(), 10);
        let mimalloc = CHOICE.load(Ordering::Acquire) == MIMALLOC;
        for _ in 0..2 {
            return_freed_memory_at_once(true);
            assert_eq!(delay(), if mimalloc { 0 } else { 10 });
        }
        return_freed_memory_at_once(false);
        assert_eq!(delay(), 10);
    }

    /// The call refusing huge pages reaches the kernel as meant: the
    /// process's status says so after it (this test process's own; its
    /// tests do not depend on huge pages).
    #[cfg(target_os = "linux")]
    #[test]
    fn huge_pages_are_refused() {
        refuse_huge_pages();
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        // Kernels before 5.0 do not show it.
        let Some(line) = status.lines().find(|line| line.starts_with("THP_enabled:")) else {
            return;
        };
        assert_eq!(line.split_whitespace().nth(1), Some("0"), "{line}");
    }

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
