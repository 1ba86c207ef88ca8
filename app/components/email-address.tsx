import { Fragment } from "react";
import { emailLineBreaks } from "~/lib/format";

/** A mailto link whose address wraps, on a narrow screen, only after its "@" or a dot. */
export function EmailLink({ address, className, testId }: { address: string; className?: string; testId?: string }) {
  return (
    <a href={`mailto:${address}`} className={className} data-testid={testId}>
      {emailLineBreaks(address).map((piece, i) => (
        <Fragment key={i}>
          {i > 0 ? <wbr /> : null}
          {piece}
        </Fragment>
      ))}
    </a>
  );
}
