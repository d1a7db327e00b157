import {Text} from 'ink';
import SelectInput from 'ink-select-input';
import {useTheme} from '../hooks/theme.js';

export interface Choice<T> {
	label: string;
	value: T;
	key?: string;
}

/**
 * ink-select-input with our look: the pointer is a glyph and the chosen row is inverse,
 * so the choice reads without colour. Fine for a short menu (it resets when its items change).
 */
export function ChoiceList<T>({items, onSelect, limit}: {items: Array<Choice<T>>; onSelect(item: Choice<T>): void; limit: number}) {
	const {paint, symbols} = useTheme();
	return (
		<SelectInput<T>
			items={items}
			limit={Math.max(1, limit)}
			onSelect={onSelect}
			indicatorComponent={({isSelected}) => <Text>{isSelected ? `${symbols.closed} ` : '  '}</Text>}
			itemComponent={({isSelected, label}) => <Text wrap="truncate">{isSelected ? paint.inverse(label) : label}</Text>}
		/>
	);
}
