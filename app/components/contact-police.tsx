/** How to contact Kent Police: the facts every ward page repeats. */
export function ContactPolice({ compact = false }: { compact?: boolean }) {
  return (
    <section className="panel-emergency" aria-labelledby="contact-police-title">
      <h2 id="contact-police-title">How to contact the police</h2>
      <ul className="list">
        <li>
          <strong>Emergency: call 999</strong> if a crime is happening now, someone is injured or threatened, or a suspect is nearby.
        </li>
        <li>
          Non-emergency: call <strong>101</strong> (15p per call) or <a href="https://www.kent.police.uk/report">report online</a>.
        </li>
        <li>
          Deaf, hard of hearing or speech-impaired: textphone <strong>18000</strong>, or text 999 in an emergency if you have registered with emergencySMS.
        </li>
        {!compact && (
          <li>
            Report fly-tipping, noise and abandoned vehicles to your local council, which deals with them. The neighbourhood team works with the
            council where they are linked to crime or residents have made them a PACT priority.
          </li>
        )}
      </ul>
      <p className="small">Please do not report crime on social media.</p>
    </section>
  );
}
