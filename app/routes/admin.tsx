// The layout of every /admin page: the staff frame, with the same loader and error
// boundary as every /staff page (staff.tsx).
export { default, ErrorBoundary, loader } from "./staff";
