//! The server's integration tests, through the very router the binary serves. One test binary
//! (each module a concern) links the app once instead of once per file.

mod access;
mod api;
mod common;
mod compare;
mod edits;
mod files;
mod hardening;
mod hostile_files;
mod imports;
mod markup;
mod offline;
mod operations;
mod pages;
mod signoffs;
mod tours;
mod work;
