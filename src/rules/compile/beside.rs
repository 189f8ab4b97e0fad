//! Work done on a thread beside the current one, for start-up: compiling a
//! pack, reading the prebuilt defaults. Plain scoped threads, not rayon's:
//! a rayon worker waiting on one could take up a document that waits on
//! the very thing being built. When no thread can be started, the work is
//! done at once, in the current thread.

/// Work started beside the current thread, or done at once when no thread
/// can be started.
pub(in crate::rules) enum Beside<'scope, T> {
    Running(std::thread::ScopedJoinHandle<'scope, T>),
    Done(T),
}

impl<T> Beside<'_, T> {
    /// Its result; a panic there goes on here, as if it had run here.
    pub(in crate::rules) fn join(self) -> T {
        match self {
            Beside::Running(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Beside::Done(value) => value,
        }
    }
}

/// `work` started on a thread of `scope`, or done at once when no thread
/// can be started.
pub(in crate::rules) fn beside<'scope, T: Send + 'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    work: impl Fn() -> T + Send + Clone + 'scope,
) -> Beside<'scope, T> {
    match std::thread::Builder::new().spawn_scoped(scope, work.clone()) {
        Ok(handle) => Beside::Running(handle),
        Err(_) => Beside::Done(work()),
    }
}
