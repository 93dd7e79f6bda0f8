import type { TestCard } from './api';
import { OUTCOME_TEXT } from './format';
import { BrandBadge } from './order-summary';

/** The shopper's saved cards — here the sandbox's test cards, one per gateway outcome. */
export function CardPicker({
  cards,
  selected,
  onSelect,
}: {
  cards: TestCard[];
  selected: string | undefined;
  onSelect: (id: string) => void;
}) {
  return (
    <fieldset className="saved-cards" aria-describedby="sandbox-note">
      <legend>Pay with a saved card</legend>
      <p className="sandbox-note" id="sandbox-note">
        <strong>Sandbox test cards.</strong> Each one makes the sandbox gateway answer differently. The one-time code on
        the bank&rsquo;s page is <strong>1234</strong>.
      </p>
      <div className="saved-card-list">
        {cards.map((card) => (
          <div className="saved-card" key={card.card_payment_token_id}>
            <input
              type="radio"
              name="saved-card"
              id={`card-${card.card_payment_token_id}`}
              value={card.card_payment_token_id}
              checked={card.card_payment_token_id === selected}
              onChange={() => onSelect(card.card_payment_token_id)}
              aria-describedby={`card-${card.card_payment_token_id}-text`}
            />
            <label htmlFor={`card-${card.card_payment_token_id}`}>
              <BrandBadge brand={card.brand} />
              <span>
                <span className="visually-hidden">ending in </span>
                <span aria-hidden="true">•••• </span>
                {card.last4}
              </span>
              <span className="saved-card-outcome">{OUTCOME_TEXT[card.outcome]}</span>
            </label>
            <p className="saved-card-text" id={`card-${card.card_payment_token_id}-text`}>
              {card.description}
            </p>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
