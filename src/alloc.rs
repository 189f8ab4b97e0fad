//! The allocator: the system's, and mimalloc for `report` once it is asked
//! for ([`use_mimalloc`]).
//!
//! Why: `report` makes and frees millions of small strings (ids, origins,
//! reasons) on every thread; with mimalloc the Weather report takes about a
//! quarter less CPU and holds less. `claims` does not gain from it: it held
//! 118 MB on 32 MB of articles with the system allocator and about 150 MB
//! with mimalloc, and came near its 256 MB bound on a gigabyte. So each
//! command keeps the allocator it is best with.
//!
//! Invariant: memory is freed (and grown) by the allocator that gave it.
//! Whatever was allocated before the switch (arguments, rules) came from
//! the system's; after it, mimalloc's memory is told apart by address
//! (`mi_is_in_heap_region`: its segments are its own, so no system block
//! can lie in one).

use std::alloc::{GlobalAlloc, Layout, System};
use std::ffi::c_void;
use std::sync::atomic::{AtomicBool, Ordering};

use mimalloc::MiMalloc;

#[global_allocator]
static GLOBAL: Allocator = Allocator;

/// Set once mimalloc is in use: from then on new memory comes from it.
static MIMALLOC: AtomicBool = AtomicBool::new(false);

unsafe extern "C" {
    /// mimalloc's test of whether `p` lies in memory it manages (`mimalloc.h`).
    fn mi_is_in_heap_region(p: *const c_void) -> bool;
}

/// New memory comes from mimalloc from now on. Called by `report`.
pub fn use_mimalloc() {
    MIMALLOC.store(true, Ordering::Release);
}

/// The system allocator, or mimalloc once [`use_mimalloc`] was called.
struct Allocator;

impl Allocator {
    /// Whether `ptr` was given by mimalloc: never before the switch.
    fn from_mimalloc(ptr: *mut u8) -> bool {
        // SAFETY: `mi_is_in_heap_region` only reads mimalloc's map of its
        // segments for the address; it does not dereference `ptr`.
        MIMALLOC.load(Ordering::Acquire) && unsafe { mi_is_in_heap_region(ptr as *const c_void) }
    }
}

// SAFETY: every block is allocated by one of two allocators that uphold
// `GlobalAlloc`'s contract, and freed or grown by the same one: the switch
// only ever turns mimalloc on, and `from_mimalloc` tells its blocks apart.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if MIMALLOC.load(Ordering::Acquire) {
            // SAFETY: the caller's contract, passed on.
            unsafe { MiMalloc.alloc(layout) }
        } else {
            // SAFETY: as above.
            unsafe { System.alloc(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if MIMALLOC.load(Ordering::Acquire) {
            // SAFETY: the caller's contract, passed on.
            unsafe { MiMalloc.alloc_zeroed(layout) }
        } else {
            // SAFETY: as above.
            unsafe { System.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if Self::from_mimalloc(ptr) {
            // SAFETY: `ptr` came from mimalloc with `layout`.
            unsafe { MiMalloc.dealloc(ptr, layout) }
        } else {
            // SAFETY: `ptr` came from the system allocator with `layout`.
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if Self::from_mimalloc(ptr) {
            // SAFETY: `ptr` came from mimalloc with `layout`.
            unsafe { MiMalloc.realloc(ptr, layout, new_size) }
        } else {
            // SAFETY: `ptr` came from the system allocator with `layout`.
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }
}
