//! Reading an uploaded file where it cannot hurt the server: in a child process (`homeward
//! read-spreadsheet`) with a memory and CPU budget set by the kernel.
//!
//! Why a process and not checks of our own: calamine, like most readers, trusts the counts a
//! workbook declares and reserves memory for them, and some of its work grows faster than the
//! file (a shared formula reused by every cell). Checking every such count means re-writing the
//! reader; a child process bounds them all, the ones not yet found included. Whatever a file
//! declares, its reading costs at most [`MEMORY_BYTES`] of address space and [`CPU_SECONDS`]
//! of processor time, is abandoned after [`WALL`] or as soon as its request ends (the child is
//! killed when the request's future is dropped), and at most [`READERS`] run at once. The
//! server itself only holds the upload and the workbook that comes back, which the core's
//! limits bound.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{ExitCode, Stdio};
use std::sync::Arc;
use std::time::Duration;

use app::errors::AppError;
use homeward_core::imports::cells::{MAX_FILE_BYTES, MAX_TEXT_BYTES};
use homeward_core::imports::{FileError, Workbook};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The subcommand of `homeward` that reads one file from its standard input.
pub const SUBCOMMAND: &str = "read-spreadsheet";
/// The reader's whole address space (its code included). The largest valid file needs less
/// than a third of it (README, "Bringing your data").
pub const MEMORY_BYTES: u64 = 512 * 1024 * 1024;
/// The reader's processor time. The largest valid file takes well under a second.
pub const CPU_SECONDS: u64 = 3;
/// How long the server waits for a reader (a reader stuck without using the processor).
pub const WALL: Duration = Duration::from_secs(4);
/// How many files are read at once: one per core of the machines Homeward runs on.
pub const READERS: usize = 2;
/// How long an upload waits for a reader before it is told the server is busy.
const WAIT: Duration = Duration::from_secs(10);
/// The most a reader may answer: the workbook, whose text the core bounds, and its structure.
const MAX_ANSWER: u64 = MAX_TEXT_BYTES + 16 * 1024 * 1024;

/// Starts readers and lets [`READERS`] of them run at once.
#[derive(Debug, Clone)]
pub struct Sandbox {
    program: PathBuf,
    turns: Arc<Semaphore>,
}

/// A reader's turn, held by one upload from before its file is received until it is read.
#[derive(Debug)]
pub struct Turn {
    _permit: OwnedSemaphorePermit,
}

impl Sandbox {
    /// Readers run `program`, which must be a `homeward` binary.
    pub fn new(program: impl Into<PathBuf>) -> Sandbox {
        Sandbox {
            program: program.into(),
            turns: Arc::new(Semaphore::new(READERS)),
        }
    }

    /// Readers run this very program (the server's binary).
    pub fn this_program() -> std::io::Result<Sandbox> {
        Ok(Sandbox::new(std::env::current_exe()?))
    }

    /// Waits for a reader to be free; `None` when the server stayed busy for several seconds.
    /// Taken before an upload's body is received, so a waiting upload holds no file.
    pub async fn turn(&self) -> Option<Turn> {
        let permit = tokio::time::timeout(WAIT, self.turns.clone().acquire_owned()).await;
        let permit = permit.ok()?.ok()?;
        Some(Turn { _permit: permit })
    }

    /// Reads `bytes` (the file called `name`) in a reader: the workbook, or why the file is
    /// refused ([`FileError::OverBudget`] when the reader ran out of memory or time). An error
    /// only when the reader could not be run at all.
    pub async fn read(
        &self,
        _turn: Turn,
        name: &str,
        bytes: Vec<u8>,
    ) -> Result<Result<Workbook, FileError>, AppError> {
        let mut child = tokio::process::Command::new(&self.program)
            .args([SUBCOMMAND, "--", name])
            .env_clear()
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| {
                tracing::error!(
                    "cannot start the spreadsheet reader {:?}: {e}",
                    self.program
                );
                AppError::Server
            })?;
        let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(AppError::Server);
        };
        let work = async {
            // A reader that dies early closes its input: its status says why, not the pipe.
            let send = async {
                let _ = stdin.write_all(&bytes).await;
                drop(stdin);
            };
            let mut answer = Vec::new();
            let mut limited = stdout.take(MAX_ANSWER + 1);
            let receive = limited.read_to_end(&mut answer);
            let (_, received) = tokio::join!(send, receive);
            (received.map(|_| answer), child.wait().await)
        };
        let Ok((answer, status)) = tokio::time::timeout(WALL, work).await else {
            tracing::warn!(file = %name, "import reader stopped after {WALL:?}");
            return Ok(Err(FileError::OverBudget));
        };
        let status = status.map_err(|e| {
            tracing::error!("the spreadsheet reader vanished: {e}");
            AppError::Server
        })?;
        match (status.code(), answer) {
            (Some(0), Ok(answer)) if answer.len() as u64 <= MAX_ANSWER => {
                postcard::from_bytes(&answer).map_err(|e| {
                    tracing::error!("the spreadsheet reader's answer is not a workbook: {e}");
                    AppError::Server
                })
            }
            (Some(FAILED), _) => {
                tracing::error!("the spreadsheet reader could not start its work");
                Err(AppError::Server)
            }
            (code, _) => {
                // Killed for its processor time, or aborted on a refused allocation.
                tracing::warn!(file = %name, ?code, "import reader stopped: {status}");
                Ok(Err(FileError::OverBudget))
            }
        }
    }
}

/// The reader's exit code when it could not limit itself or read its input.
const FAILED: i32 = 2;

/// `homeward read-spreadsheet -- NAME`: limits this process, reads one file from standard input
/// and writes what it holds (or why it is refused) to standard output. Runs before any thread
/// is started, so the limits hold for all it does.
pub fn reader_main(name: &str) -> ExitCode {
    if let Err(e) = limit_this_process() {
        eprintln!("cannot limit the reader: {e}");
        return ExitCode::from(FAILED as u8);
    }
    let mut bytes = Vec::new();
    let input = std::io::stdin()
        .lock()
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes);
    if input.is_err() {
        return ExitCode::from(FAILED as u8);
    }
    // A reader's panic on a damaged file is that file's refusal, not a failure.
    std::panic::set_hook(Box::new(|_| {}));
    let book = std::panic::catch_unwind(|| super::read::read_file(name, &bytes))
        .unwrap_or(Err(FileError::Unreadable));
    drop(bytes);
    let answer = match postcard::to_stdvec(&book) {
        Ok(answer) => answer,
        Err(_) => return ExitCode::from(FAILED as u8),
    };
    let mut out = std::io::stdout().lock();
    match out.write_all(&answer).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(FAILED as u8),
    }
}

fn limit_this_process() -> std::io::Result<()> {
    use rlimit::{setrlimit, Resource};
    setrlimit(Resource::AS, MEMORY_BYTES, MEMORY_BYTES)?;
    // Past the soft limit the kernel sends SIGXCPU, a second later SIGKILL.
    setrlimit(Resource::CPU, CPU_SECONDS, CPU_SECONDS + 1)?;
    setrlimit(Resource::CORE, 0, 0)?;
    // It writes no file.
    setrlimit(Resource::FSIZE, 0, 0)?;
    Ok(())
}
