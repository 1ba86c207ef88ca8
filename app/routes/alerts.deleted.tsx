import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "Your details have been deleted – Kent Neighbourhood Policing" }];

export default function Deleted() {
  return (
    <div className="two-thirds" data-testid="deleted">
      <h1>Your details have been deleted</h1>
      <p>We have deleted your email address, the wards you followed and any emails waiting to be sent to you. We will not email you again.</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </div>
  );
}
