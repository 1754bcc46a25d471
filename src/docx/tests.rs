//! Tests of the Word edition on a small report model: the parts of the package,
//! the headings, the tables and the pictures.

use super::*;
