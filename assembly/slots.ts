// Fixed-address working arrays. Every working array of the model is a block of static memory
// reserved with `memory.data(bytes, 16)` at compile time: its address is a constant, so an
// element access is a single load or store (no global lookup, no allocation, no bounds check).
// These helpers read / write element i of such a block (indices are in range by construction,
// like the `unchecked` StaticArray accesses they replace).

@inline export function i32At(a: usize, i: i32): i32 {
  return load<i32>(a + (<usize>i << 2));
}
@inline export function setI32(a: usize, i: i32, v: i32): void {
  store<i32>(a + (<usize>i << 2), v);
}
@inline export function i64At(a: usize, i: i32): i64 {
  return load<i64>(a + (<usize>i << 3));
}
@inline export function setI64(a: usize, i: i32, v: i64): void {
  store<i64>(a + (<usize>i << 3), v);
}
@inline export function f64At(a: usize, i: i32): f64 {
  return load<f64>(a + (<usize>i << 3));
}
@inline export function setF64(a: usize, i: i32, v: f64): void {
  store<f64>(a + (<usize>i << 3), v);
}
@inline export function boolAt(a: usize, i: i32): bool {
  return load<bool>(a + <usize>i);
}
@inline export function setBool(a: usize, i: i32, v: bool): void {
  store<bool>(a + <usize>i, v);
}
