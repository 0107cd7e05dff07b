import type { MomentView } from '../format.js';

/** A moment in the outlet's zone: the short (often relative) text, the full date and time as its title. */
export function Moment(props: { m: MomentView }) {
  return (
    <time datetime={props.m.iso} title={props.m.title}>
      {props.m.text}
    </time>
  );
}
