import { ApiError, errorJson } from "@/lib/api/errors";

// Any /api address no route claims: the JSON error envelope instead of the HTML 404 page, for any
// method. It reveals nothing a signed-out caller could not learn from the 404 itself.
function notFound(): Response {
  return errorJson(new ApiError({ code: "not_found", message: "There is no such API route." }));
}

export {
  notFound as GET,
  notFound as POST,
  notFound as PUT,
  notFound as PATCH,
  notFound as DELETE,
  notFound as HEAD,
};
